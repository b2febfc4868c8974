package io.redisfleet.agent;

import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import io.redisfleet.agent.node.HostFactsReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The agent daemon: parses arguments, serves until SIGTERM, exits. */
@Command(name = "redis-fleet-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
    description = "Manages the redis-server nodes of this host for the redis-fleet controller.")
public final class AgentMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

  @Option(names = "--listen", defaultValue = "127.0.0.1:7781", description = "HOST:PORT to serve gRPC on (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--state-dir", description = "Keep confs and data below DIR (default: the installed layout, /etc/redis-fleet and /var/lib/redis-fleet).")
  Path stateDir;

  @Option(names = "--address", defaultValue = "127.0.0.1", description = "The address other hosts reach this host's nodes at (default ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--backend", defaultValue = "auto", description = "auto, process or systemd (default ${DEFAULT-VALUE}).")
  AgentConfig.Backend backend;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AgentMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    AgentConfig.Backend be = backend;
    AgentConfig config = stateDir == null ? withBackend(AgentConfig.installed(address), be)
        : AgentConfig.underStateDir(stateDir, address, be);
    AgentServer server = AgentServer.start(serverBuilder(parse(listen)), config);
    LOG.info("agent {} serving on {} (confs {}, data {}, backend {})", HostFactsReader.agentVersion(), listen,
        config.confDir(), config.dataRoot(), be);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "agent-shutdown"));
    server.awaitTermination();
    return 0;
  }

  /** The transport seam: TLS goes here (a NettyServerBuilder with server credentials). */
  static ServerBuilder<?> serverBuilder(InetSocketAddress address) {
    return NettyServerBuilder.forAddress(address);
  }

  static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new CommandLine.ParameterException(new CommandLine(new AgentMain()), "--listen must be HOST:PORT: " + hostPort);
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private static AgentConfig withBackend(AgentConfig c, AgentConfig.Backend be) {
    return new AgentConfig(c.confDir(), c.dataRoot(), c.hostAddress(), c.redisServer(), be);
  }

  /** Prints the agent version for --version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"redis-fleet-agent " + HostFactsReader.agentVersion()};
    }
  }

}
