package io.redisfleet.agent.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What the agent read from a server binary (the engine and version its --version prints, the
 * directive names a throwaway instance of it lists), kept on disk under the agent's data root by
 * the binary's identity: real path, size and modification time, the key the in-memory caches use
 * too, so an upgrade (a new file) is read again. An agent that starts afresh, as an embedded one
 * does with every controller run, then does not start a throwaway server for a binary it has
 * already read (issue #12: that was ≈ 150 ms of every local no-op apply). Only complete reads are
 * kept; a file that cannot be read or does not match its key is ignored and rewritten.
 */
public final class ServerFactsFile {

  /** A binary's facts as read once. */
  public record Entry(ServerVersion version, List<String> directives) {
    public Entry {
      directives = List.copyOf(directives);
    }
  }

  private final Path dir;

  public ServerFactsFile(Path dir) {
    this.dir = dir;
  }

  /** The binary's identity: real path, size, modification time; empty when it cannot be read. */
  public static Optional<String> identity(Path binary) {
    try {
      return Optional.of(binary.toRealPath() + ":" + Files.size(binary) + ":"
          + Files.getLastModifiedTime(binary).toMillis());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Optional<Entry> read(Path binary) {
    Optional<String> key = identity(binary);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file(key.get()), StandardCharsets.UTF_8);
      if (lines.size() < 3 || !lines.get(0).equals(key.get())) {
        return Optional.empty();
      }
      ServerVersion version = new ServerVersion(lines.get(1), lines.get(2));
      return version.engine().isEmpty() || version.version().isEmpty() ? Optional.empty()
          : Optional.of(new Entry(version, lines.subList(3, lines.size())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Keeps a complete read; a failure to write only means it is read from the binary again next time. */
  public void write(Path binary, Entry entry) {
    Optional<String> key = identity(binary);
    if (key.isEmpty() || entry.directives().isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>(List.of(key.get(), entry.version().engine(), entry.version().version()));
    lines.addAll(entry.directives());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "facts", ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file(key.get()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // not kept: read from the binary again next time
    }
  }

  private Path file(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".facts");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
