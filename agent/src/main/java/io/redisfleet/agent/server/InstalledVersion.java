package io.redisfleet.agent.server;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.service.RedisBinary;

/**
 * The installed server's engine and version, for rendering a conf it accepts. Every ApplyNode
 * (dry runs included, one per node per observation) needs it; {@link HostFactsReader#serverVersion}
 * caches it per binary file (real path, size, modification time), so an upgrade that replaces the
 * file is seen by the next call.
 */
public final class InstalledVersion {

  private InstalledVersion() {}

  public static ServerVersion of(AgentConfig config) {
    return RedisBinary.find(config).map(HostFactsReader::serverVersion).orElse(ServerVersion.UNKNOWN);
  }
}
