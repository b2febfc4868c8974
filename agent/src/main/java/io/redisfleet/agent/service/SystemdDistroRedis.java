package io.redisfleet.agent.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The distribution's own Redis: Debian's redis-server package starts {@code redis-server.service}
 * on 6379 (from /etc/redis/redis.conf) at install. A node declared on that port must take it
 * over deliberately, so we need to know which port that unit holds.
 *
 * @param unit the distribution's unit name
 * @param conf the conf that unit runs
 */
record SystemdDistroRedis(String unit, Path conf) {

  static final int REDIS_DEFAULT_PORT = 6379;

  static SystemdDistroRedis debian() {
    return new SystemdDistroRedis("redis-server.service", Path.of("/etc/redis/redis.conf"));
  }

  /** The port the distribution's unit listens on (Redis's default when the conf is absent or silent). */
  int port() throws IOException {
    try {
      return portOf(Files.readString(conf));
    } catch (NoSuchFileException e) {
      return REDIS_DEFAULT_PORT;
    }
  }

  /** The last {@code port N} directive wins, as in Redis; 0 means TCP is off. */
  static int portOf(String confText) {
    int port = REDIS_DEFAULT_PORT;
    for (String raw : confText.split("\n")) {
      String[] words = raw.strip().split("\\s+");
      if (words.length >= 2 && words[0].equalsIgnoreCase("port")) {
        try {
          port = Integer.parseInt(words[1].replace("\"", ""));
        } catch (NumberFormatException e) {
          // Redis itself refuses such a conf; its unit cannot be holding a port then.
          port = 0;
        }
      }
    }
    return port;
  }
}
