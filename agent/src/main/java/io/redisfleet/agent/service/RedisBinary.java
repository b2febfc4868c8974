package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the server binary: the configured one, else redis-server on PATH or in /usr/bin, else
 * valkey-server there (Debian's valkey-server package installs only that name).
 */
public final class RedisBinary {

  private RedisBinary() {}

  public static Optional<Path> find(AgentConfig config) {
    if (config.redisServer().isPresent()) {
      Path p = config.redisServer().get();
      return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    Optional<Path> redis = named("redis-server");
    return redis.isPresent() ? redis : named("valkey-server");
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
