package io.redisfleet.agent.server;

import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which binary version the agent started a node's current process from, kept beside its conf
 * ({@code <port>.started}: "run_id engine version"). INFO tells the version a process runs, but
 * only this record says what the agent started it from, so a node still running the old binary
 * after an apt-get upgrade is found even where INFO cannot tell them apart. It counts only for
 * the process it was written for (same run_id): a process systemd restarted by itself is judged
 * by INFO.
 */
public record StartRecord(String runId, ServerVersion server) {

  public static Path file(NodeLayout node) {
    return node.confFile().resolveSibling(node.port() + ".started");
  }

  public static void write(Path confDir, NodeLayout node, String runId, ServerVersion server) throws IOException {
    AtomicFiles.write(confDir, file(node), runId + " " + server.engine() + " " + server.version() + "\n");
  }

  public static Optional<StartRecord> read(NodeLayout node) {
    try {
      String[] f = Files.readString(file(node)).strip().split(" ");
      return f.length == 3 ? Optional.of(new StartRecord(f[0], new ServerVersion(f[1], f[2]))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // none yet (a node started before this record existed): INFO decides
    }
  }

  /** The version the process with this run_id runs: the record when it is that process's, else INFO's. */
  public static ServerVersion running(NodeLayout node, String runId, ServerVersion fromInfo) {
    return read(node).filter(r -> r.runId().equals(runId) && !runId.isEmpty()).map(StartRecord::server)
        .orElse(fromInfo);
  }
}
