package io.redisfleet.agent.server;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.service.RedisBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installed server's engine and version, for rendering a conf it accepts. Every ApplyNode
 * (dry runs included, one per node per observation) needs it, so it is cached per binary file
 * (path, size, modification time): an upgrade replaces the file, and the next call sees it.
 */
public final class InstalledVersion {

  private static final Map<String, ServerVersion> CACHE = new ConcurrentHashMap<>();

  private InstalledVersion() {}

  public static ServerVersion of(AgentConfig config) {
    return RedisBinary.find(config).map(InstalledVersion::of).orElse(ServerVersion.UNKNOWN);
  }

  static ServerVersion of(Path binary) {
    try {
      String key = binary + ":" + Files.size(binary) + ":" + Files.getLastModifiedTime(binary).toMillis();
      ServerVersion known = CACHE.get(key);
      if (known != null) {
        return known;
      }
      ServerVersion read = HostFactsReader.serverVersion(binary);
      if (read.known()) {
        CACHE.put(key, read); // an unreadable answer is asked again next time
      }
      return read;
    } catch (IOException e) {
      return ServerVersion.UNKNOWN;
    }
  }
}
