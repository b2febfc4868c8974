package io.redisfleet.agent.server;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.service.RedisBinary;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A node whose inventory names an engine (redis or valkey) is started or restarted only by that
 * engine's server: the controller plans nothing else, and this is the agent's own second look,
 * since the installed packages may have changed since the plan. On a host with both engines the
 * node simply gets its engine's binary ({@link NodeServer}); refused only when none is installed.
 */
public final class EngineCheck {

  private static final Set<String> ENGINES = Set.of("", ServerVersion.REDIS, ServerVersion.VALKEY);

  private EngineCheck() {}

  public static void require(AgentConfig config, int port, String wanted) throws AgentException {
    if (!ENGINES.contains(wanted)) {
      throw new AgentException(Kind.INVALID_REQUEST, "node " + port + ": engine must be redis or valkey, not \""
          + wanted.replaceAll("[^A-Za-z0-9._-]", "?") + "\"");
    }
    if (wanted.isEmpty() || NodeServer.forEngine(config, wanted).isPresent()) {
      return;
    }
    var installed = RedisBinary.installed(config);
    String has = installed.isEmpty() ? "no server installed" : "only " + installed.stream()
        .map(b -> b + " (" + HostFactsReader.serverVersion(b) + ")").collect(Collectors.joining(", "));
    throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": the inventory wants " + wanted
        + ", but this host has " + has + "; install " + wanted + "-server (apt-get install " + wanted
        + "-server); nothing was changed");
  }
}
