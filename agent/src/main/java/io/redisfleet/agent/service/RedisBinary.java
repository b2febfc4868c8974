package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the redis-server binary: the configured one, else on PATH, else /usr/bin. */
public final class RedisBinary {

  private RedisBinary() {}

  public static Optional<Path> find(AgentConfig config) {
    if (config.redisServer().isPresent()) {
      Path p = config.redisServer().get();
      return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    Path fallback = Path.of("/usr/bin/redis-server");
    return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
  }
}
