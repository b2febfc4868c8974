package io.redisfleet.agent;

import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.tls.AgentTls;
import io.redisfleet.agent.tls.BundleWaiter;
import io.redisfleet.agent.tls.ControllerOnly;
import io.redisfleet.agent.tls.ListenPolicy;
import io.redisfleet.agent.tls.TlsFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The agent daemon: parses arguments, serves until SIGTERM, exits. Under systemd a missing
 * setting or TLS bundle makes it wait with one log line rather than exit, so an agent installed
 * before it is configured never crash-loops; a contradictory setting exits with {@link #EX_CONFIG},
 * which the unit does not restart.
 */
@Command(name = "redis-fleet-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
    description = "Manages the redis-server nodes of this host for the redis-fleet controller.")
public final class AgentMain implements Callable<Integer> {

  /** sysexits.h EX_CONFIG: the configuration is wrong; redis-fleet-agent.service does not restart on it. */
  public static final int EX_CONFIG = 78;

  private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7781", description = "HOST:PORT to serve gRPC on (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Keep confs and data below DIR (default: the installed layout, /etc/redis-fleet and /var/lib/redis-fleet).")
  Path stateDir;

  @Option(names = "--address", paramLabel = "ADDRESS", description = "The address the controller and other hosts reach this host's nodes at"
      + " (default: the --listen host unless it is a wildcard such as 0.0.0.0).")
  String address;

  @Option(names = "--backend", paramLabel = "auto|process|systemd", defaultValue = "auto", description = "auto, process or systemd (default ${DEFAULT-VALUE}).")
  AgentConfig.Backend backend;

  @Option(names = "--tls-dir", paramLabel = "DIR", description = "Directory with ca.crt, agent.crt and agent.key (default /etc/redis-fleet/tls).")
  Path tlsDir;

  @Option(names = "--metrics-listen", defaultValue = "127.0.0.1:9781", paramLabel = "HOST:PORT|off",
      description = "Serve Prometheus metrics on http://HOST:PORT/metrics (default ${DEFAULT-VALUE}, loopback"
          + " only; off: none).")
  String metricsListen;

  @Option(names = "--plaintext", description = "Serve without TLS; refused unless --listen is a loopback address.")
  boolean plaintext;

  public static void main(String[] args) {
    io.redisfleet.contract.NettyJfrEvents.offUnlessAsked();
    JournalPriorities.installIfJournal(System.getenv());
    System.exit(new CommandLine(new AgentMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    InetSocketAddress at = parse(listen);
    Optional<String> hostAddress = hostAddress(address, at);
    if (hostAddress.isEmpty()) {
      LOG.error("agent: --listen {} is a wildcard, so the agent cannot tell its host's address; set"
          + " REDIS_FLEET_AGENT_OPTS=\"--listen {} --address <this host's address>\" in"
          + " /etc/default/redis-fleet-agent and restart redis-fleet-agent (waiting until then)", listen, listen);
      new CountDownLatch(1).await(); // SIGTERM ends the JVM through its shutdown sequence
      return 0;
    }
    ListenPolicy.Decision transport = ListenPolicy.decide(at.getHostString(), plaintext);
    if (transport instanceof ListenPolicy.Refused refused) {
      LOG.error(refused.reason());
      return EX_CONFIG;
    }
    AgentConfig config = stateDir == null ? withBackend(AgentConfig.installed(hostAddress.get()), backend)
        : AgentConfig.underStateDir(stateDir, hostAddress.get(), backend);
    ServerBuilder<?> builder;
    try {
      builder = transport instanceof ListenPolicy.Tls ? tlsServerBuilder(at, tlsFiles()) : NettyServerBuilder.forAddress(at);
    } catch (AgentException e) {
      LOG.error("agent: {}", e.getMessage());
      return EX_CONFIG;
    }
    AgentServer server = AgentServer.start(builder, config);
    LOG.info("agent {} serving on {} with {} as {} (confs {}, data {}, backend {})", HostFactsReader.agentVersion(),
        listen, transport instanceof ListenPolicy.Tls ? "mutual TLS from " + tlsFiles().dir() : "plaintext",
        hostAddress.get(), config.confDir(), config.dataRoot(), backend);
    io.redisfleet.agent.metrics.MetricsServer metrics = metricsListen.equals("off") ? null
        : io.redisfleet.agent.metrics.MetricsServer.start(parse(metricsListen),
            io.redisfleet.agent.metrics.AgentFacts.of(server.service(), HostFactsReader.agentVersion(),
                transport instanceof ListenPolicy.Tls ? Optional.of(tlsFiles().certificate()) : Optional.empty()),
            java.time.Clock.systemUTC());
    if (metrics != null) {
      LOG.info("agent metrics on http://{}/metrics", metricsListen);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (metrics != null) {
        metrics.close();
      }
      server.close();
    }, "agent-shutdown"));
    server.awaitTermination();
    return 0;
  }

  /**
   * Waits (one log line) until the bundle is there, then requires a fleet client certificate
   * that carries the controller's role ({@link ControllerOnly}).
   */
  static ServerBuilder<?> tlsServerBuilder(InetSocketAddress at, TlsFiles files)
      throws AgentException, InterruptedException {
    new BundleWaiter(files).await();
    return NettyServerBuilder.forAddress(at, AgentTls.serverCredentials(files)).intercept(new ControllerOnly());
  }

  /** The explicit --address, else the listen host unless it is a wildcard (0.0.0.0, ::). */
  static Optional<String> hostAddress(String explicit, InetSocketAddress listen) {
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(explicit.strip());
    }
    boolean wildcard = listen.getAddress() != null && listen.getAddress().isAnyLocalAddress();
    return wildcard ? Optional.empty() : Optional.of(listen.getHostString());
  }

  static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new CommandLine.ParameterException(new CommandLine(new AgentMain()), "--listen must be HOST:PORT: " + hostPort);
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    try {
      return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (IllegalArgumentException e) { // also NumberFormatException
      throw new CommandLine.ParameterException(new CommandLine(new AgentMain()),
          "--listen must be HOST:PORT with a port 0.." + io.redisfleet.contract.Ports.MAX + ": " + hostPort);
    }
  }

  private TlsFiles tlsFiles() {
    return tlsDir == null ? TlsFiles.defaults() : new TlsFiles(tlsDir);
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
