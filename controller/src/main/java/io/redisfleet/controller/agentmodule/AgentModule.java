package io.redisfleet.controller.agentmodule;

import io.grpc.inprocess.InProcessServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import io.redisfleet.agent.doc.RoffManPage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The only controller code that uses the agent module's classes (enforced by
 * .checkstyle/import-control.xml): the embedded agent, and the man-page renderer both CLIs share.
 * Everything else talks to agents through the proto contract, and shares rules with the agent
 * only through {@code io.redisfleet.contract} (proto module), so the agent can change inside.
 */
public final class AgentModule {

  /** A running embedded agent; closing it stops its server (never throws). */
  public interface Embedded extends AutoCloseable {
    @Override
    void close();
  }

  private AgentModule() {}

  /** An embedded agent serving in process under {@code name}, managing its nodes under {@code stateDir}. */
  public static Embedded startEmbedded(String name, Path stateDir, String hostAddress) throws IOException {
    AgentConfig config = AgentConfig.underStateDir(stateDir, hostAddress, AgentConfig.Backend.PROCESS);
    return AgentServer.start(InProcessServerBuilder.forName(name), config)::close;
  }

  /** The roff man page of a picocli command, as the agent's page is written. */
  public static String manPage(CommandSpec spec, String source, List<String[]> extra) {
    return RoffManPage.render(spec, source, extra);
  }

  /** A bash completion script in the form the packages install. */
  public static String sourcedScript(String script) {
    return RoffManPage.sourcedScript(script);
  }
}
