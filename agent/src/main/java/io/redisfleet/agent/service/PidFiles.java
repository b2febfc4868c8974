package io.redisfleet.agent.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a node's pidfile and tells a live redis-server from a stale pidfile: the PID must name a
 * live process whose command line is redis-server (PIDs are reused after a crash or reboot).
 */
final class PidFiles {

  private PidFiles() {}

  /** The live redis-server process the pidfile names, if any. */
  static Optional<ProcessHandle> liveRedis(Path pidFile) {
    return readPid(pidFile).flatMap(ProcessHandle::of).filter(PidFiles::isRedisServer);
  }

  static Optional<Long> readPid(Path pidFile) {
    try {
      String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static boolean isRedisServer(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    try {
      if (Files.exists(cmdline)) {
        return isServerCommand(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return false; // the process exited between the checks
    }
    return p.info().command().map(PidFiles::isServerCommand).orElse(false);
  }

  /** redis-server, or valkey-server (Valkey's own name; its process title says so too). */
  private static boolean isServerCommand(String command) {
    return command.contains("redis-server") || command.contains("valkey-server");
  }
}
