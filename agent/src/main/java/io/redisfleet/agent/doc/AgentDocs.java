package io.redisfleet.agent.doc;

import io.redisfleet.agent.AgentMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build-time: writes the agent's man page ({@code redis-fleet-agent.1}) and bash completion
 * ({@code redis-fleet-agent}) into the directory given, from the same model as {@code --help}.
 * The .deb build (packaging/pom.xml) runs it.
 */
public final class AgentDocs {

  private AgentDocs() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    CommandLine cl = new CommandLine(new AgentMain());
    Files.writeString(dir.resolve("redis-fleet-agent.1"), RoffManPage.render(cl.getCommandSpec(), "redis-fleet",
        List.of(
            new String[] {"Files",
                "/etc/default/redis-fleet-agent: REDIS_FLEET_AGENT_OPTS (e.g. --listen 0.0.0.0:7781 --address"
                    + " 10.0.0.11) and JAVA_OPTS.",
                "/etc/redis-fleet/tls: ca.crt, agent.crt, agent.key (controller pki issue agent).",
                "/etc/redis-fleet/nodes/PORT.conf: node confs the agent writes; redis-fleet@PORT.service runs each.",
                "/var/lib/redis-fleet/PORT: each node's data (RDB, AOF, cluster config)."},
            new String[] {"Logs",
                "journalctl -u redis-fleet-agent; every line of a controller run carries run=ID host=ADDRESS"
                    + " step=STEP, and its journald priority (journalctl -u redis-fleet-agent -p warning)."},
            new String[] {"See also", "controller(1), redis-server(1), /usr/share/doc/redis-fleet-agent"})));
    Files.writeString(dir.resolve("redis-fleet-agent"),
        RoffManPage.sourcedScript(AutoComplete.bash("redis-fleet-agent", cl)));
  }
}
