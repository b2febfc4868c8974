package io.redisfleet.agent.lease;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.v1.Lease;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The fleet lease of this host, kept in one small file below the agent's data root so an agent
 * restart keeps it. Expiry is wall-clock time (a restart must not reset it); a lease past its
 * expiry is as good as none, which is what frees a fleet whose controller crashed.
 */
public final class LeaseStore {

  private final Path root;
  private final Path file;
  private final Clock clock;

  public LeaseStore(Path dataRoot, Clock clock) {
    this.root = dataRoot;
    this.file = dataRoot.resolve(".fleet-lease");
    this.clock = clock;
  }

  /** The lease currently in force, if any (an expired one counts as none). */
  public synchronized Optional<Lease> current() throws AgentException {
    return read().filter(l -> l.getExpiresAtMs() > clock.millis());
  }

  /** The lease held by another run than {@code runId}, if any: that run may change things, we not. */
  public synchronized Optional<Lease> heldByOther(String runId) throws AgentException {
    return current().filter(l -> !l.getRunId().equals(runId));
  }

  public synchronized void write(Lease lease) throws AgentException {
    String text = "holder=" + escape(lease.getHolder()) + "\nrun=" + escape(lease.getRunId())
        + "\nexpires=" + lease.getExpiresAtMs() + "\nhost-id=" + escape(lease.getHolderHostId())
        + "\npid=" + lease.getHolderPid() + "\nstarted=" + lease.getHolderStartedMs() + "\n";
    try {
      AtomicFiles.write(root, file, text);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "lease: write " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized void delete() throws AgentException {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "lease: delete " + file + ": " + e.getMessage(), e);
    }
  }

  public long now() {
    return clock.millis();
  }

  /** "alice@box (run 1a2b3c4d) until 2026-11-25T13:10:00Z" — for refusals and logs. */
  public static String describe(Lease lease) {
    return lease.getHolder() + " (run " + lease.getRunId() + ") until "
        + Instant.ofEpochMilli(lease.getExpiresAtMs());
  }

  private Optional<Lease> read() throws AgentException {
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(file)));
      return Optional.of(Lease.newBuilder().setHolder(p.getProperty("holder", ""))
          .setRunId(p.getProperty("run", "")).setExpiresAtMs(Long.parseLong(p.getProperty("expires", "0")))
          .setHolderHostId(p.getProperty("host-id", "")).setHolderPid(Long.parseLong(p.getProperty("pid", "0")))
          .setHolderStartedMs(Long.parseLong(p.getProperty("started", "0"))).build());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      throw new AgentException(Kind.FATAL, "lease: read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", " ");
  }
}
