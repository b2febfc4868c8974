package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the server binaries a host has. A host may have both engines installed (redis-server and
 * valkey-server are separate Debian packages that install side by side), so this lists every one;
 * which of them runs a node is {@code NodeServer}'s decision. The default, for a node that names no
 * engine and never ran: the configured binary, else redis-server on PATH or in /usr/bin, else
 * valkey-server there (Debian's valkey-server package installs only that name).
 */
public final class RedisBinary {

  static final List<String> NAMES = List.of("redis-server", "valkey-server");

  private RedisBinary() {}

  /** The default binary (see the class comment). */
  public static Optional<Path> find(AgentConfig config) {
    return installed(config).stream().findFirst();
  }

  /**
   * Every server binary, the default first. A configured binary counts with the other engines'
   * binaries beside it in its own directory only — not PATH — so a test's or an operator's choice
   * is never mixed with whatever else the machine has.
   */
  public static List<Path> installed(AgentConfig config) {
    List<Path> out = new ArrayList<>();
    if (config.redisServer().isPresent()) {
      Path configured = config.redisServer().get().toAbsolutePath();
      if (!Files.isExecutable(configured)) {
        return List.of();
      }
      out.add(configured);
      for (String name : NAMES) {
        Path sibling = configured.resolveSibling(name);
        if (!sibling.equals(configured) && Files.isExecutable(sibling)) {
          out.add(sibling);
        }
      }
      return out;
    }
    for (String name : NAMES) {
      named(name).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Path> named(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    Path fallback = Path.of("/usr/bin", name);
    return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
  }
}
