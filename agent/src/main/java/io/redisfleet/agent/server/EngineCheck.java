package io.redisfleet.agent.server;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.service.RedisBinary;
import java.util.Set;

/**
 * A node whose inventory names an engine (redis or valkey) is started or restarted only by that
 * engine's server: the controller plans nothing else, and this is the agent's own second look,
 * since the installed packages may have changed since the plan.
 */
public final class EngineCheck {

  private static final Set<String> ENGINES = Set.of("", ServerVersion.REDIS, ServerVersion.VALKEY);

  private EngineCheck() {}

  public static void require(AgentConfig config, int port, String wanted) throws AgentException {
    if (!ENGINES.contains(wanted)) {
      throw new AgentException(Kind.INVALID_REQUEST, "node " + port + ": engine must be redis or valkey, not \""
          + wanted.replaceAll("[^A-Za-z0-9._-]", "?") + "\"");
    }
    if (wanted.isEmpty()) {
      return;
    }
    var binary = RedisBinary.find(config);
    ServerVersion installed = binary.map(HostFactsReader::serverVersion).orElse(ServerVersion.UNKNOWN);
    if (!wanted.equals(installed.engine())) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": the inventory wants " + wanted
          + ", but this host's server is " + binary.map(b -> b + " (" + installed + ")").orElse("not installed")
          + "; install " + wanted + "-server (apt-get install " + wanted + "-server); nothing was changed");
    }
  }
}
