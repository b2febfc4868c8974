package io.redisfleet.agent.conf;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.tls.ListenPolicy;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders one node's redis.conf from its spec. Pure: the same inputs give the same text, so the
 * output is golden-file tested and diffed against the conf on disk by {@link ConfDiff}.
 *
 * <p>The agent owns every path and the process model, so the spec may not set those directives;
 * a spec that tries is refused rather than silently overridden.
 */
public final class ConfRenderer {

  public static final String HEADER = "# managed by redis-fleet, do not edit";

  /** Directives the agent writes itself (paths, process model, identity) or never allows. */
  static final Set<String> OWNED = io.redisfleet.contract.ManagedDirectives.OWNED_BY_AGENT;

  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
  /** Bounds on what a spec may carry: far above any real conf, far below anything abusive. */
  static final int MAX_DIRECTIVES = 512;
  static final int MAX_ARGS = 64;
  static final int MAX_ARG_LENGTH = 4096;
  /** Hosts and bind addresses: IP literals or DNS names, optionally "-" prefixed (optional bind). */
  private static final Pattern ADDRESS = Pattern.compile("-?[A-Za-z0-9._:*-]{1,253}");

  private ConfRenderer() {}

  public static String render(NodeSpec spec, NodeLayout layout, List<String> backendLines, String hostAddress)
      throws AgentException {
    return render(spec, layout, backendLines, hostAddress, true);
  }

  /**
   * @param aofDirectory the server keeps its AOF in a directory (Redis 7.0+, Valkey): render
   *     appenddirname, which Redis 6.x refuses as an unknown directive
   */
  public static String render(NodeSpec spec, NodeLayout layout, List<String> backendLines, String hostAddress,
      boolean aofDirectory) throws AgentException {
    validate(spec);
    List<String> bind = spec.getBindList().isEmpty() ? defaultBind(hostAddress) : spec.getBindList();
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    // With TLS the node serves only TLS on its port: no plaintext listener at all.
    lines.add("port " + (spec.hasTls() ? 0 : layout.port()));
    if (spec.hasTls()) {
      lines.addAll(TlsRenderer.confLines(spec.getTls(), layout));
    }
    lines.add(ConfSyntax.line("bind", bind));
    lines.add("protected-mode " + (bind.stream().allMatch(ConfRenderer::isLoopback) ? "yes" : "no"));
    lines.add(ConfSyntax.line("dir", List.of(layout.dataDir().toString())));
    lines.add("dbfilename dump.rdb");
    lines.add("appendfilename appendonly.aof");
    if (aofDirectory) {
      lines.add("appenddirname appendonlydir");
    }
    if (backendLines.stream().noneMatch(l -> l.startsWith("logfile "))) {
      lines.add(ConfSyntax.line("logfile", List.of(layout.logFile().toString())));
    }
    if (spec.getClusterEnabled()) {
      lines.add("cluster-enabled yes");
      lines.add("cluster-config-file " + layout.clusterConfigFileName());
      if (io.redisfleet.contract.IpLiterals.isIpv4(hostAddress) || IPV6_LITERAL.matcher(hostAddress).matches()) {
        // Peers otherwise learn a node's address from the source of its connections, which on
        // multi-address hosts (and loopback aliases) is not the address the inventory names.
        lines.add("cluster-announce-ip " + hostAddress);
      }
    }
    if (spec.hasReplicaOf()) {
      lines.add(ConfSyntax.line("replicaof",
          List.of(spec.getReplicaOf().getHost(), Integer.toString(spec.getReplicaOf().getPort()))));
    }
    if (spec.hasAuth()) {
      lines.addAll(AuthRenderer.confLines(spec.getAuth(), layout));
    }
    lines.addAll(backendLines);
    for (Directive d : spec.getDirectivesList()) {
      lines.add(ConfSyntax.line(d.getName(), d.getArgsList()));
    }
    return String.join("\n", lines) + "\n";
  }

  /** Checks everything in the spec that comes from the request; names the port and the field. */
  public static void validate(NodeSpec spec) throws AgentException {
    int port = spec.getPort();
    if (!io.redisfleet.contract.Ports.validNode(port)) {
      throw invalid(port, "port out of range 1.." + io.redisfleet.contract.Ports.MAX_CLUSTER + " (bus port = port + 10000)");
    }
    if (spec.getClusterEnabled() && spec.hasReplicaOf()) {
      throw invalid(port, "replica_of cannot be set on a cluster node (use ClusterReplicate)");
    }
    if (spec.hasReplicaOf()) {
      checkAddress(port, "replica_of.host", spec.getReplicaOf().getHost());
      int p = spec.getReplicaOf().getPort();
      if (!io.redisfleet.contract.Ports.valid(p)) {
        throw invalid(port, "replica_of.port " + p + " out of range");
      }
    }
    if (spec.getBindCount() > 16) {
      throw invalid(port, spec.getBindCount() + " bind addresses; at most 16");
    }
    for (String b : spec.getBindList()) {
      checkAddress(port, "bind", b);
    }
    if (spec.hasAuth()) {
      AuthRenderer.validate(port, spec.getAuth());
    }
    if (spec.hasTls()) {
      TlsRenderer.validate(port, spec.getTls());
    }
    if (spec.getDirectivesCount() > MAX_DIRECTIVES) {
      throw invalid(port, spec.getDirectivesCount() + " directives; at most " + MAX_DIRECTIVES);
    }
    for (Directive d : spec.getDirectivesList()) {
      String name = d.getName();
      if (!NAME.matcher(name).matches()) {
        throw invalid(port, "directive name '" + AuthRenderer.printable(name) + "' must match [a-z0-9-]{1,64}");
      }
      if (d.getArgsCount() > MAX_ARGS) {
        throw invalid(port, "directive '" + name + "' has " + d.getArgsCount() + " arguments; at most " + MAX_ARGS);
      }
      if (OWNED.contains(name)) {
        throw invalid(port, "directive '" + name + "' is set by the agent and may not be in the spec");
      }
      for (String arg : d.getArgsList()) {
        if (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0 || arg.indexOf('\0') >= 0) {
          throw invalid(port, "directive '" + name + "' has an argument containing newline, CR or NUL");
        }
        if (arg.length() > MAX_ARG_LENGTH) {
          throw invalid(port, "directive '" + name + "' has an argument of " + arg.length()
              + " characters; at most " + MAX_ARG_LENGTH);
        }
      }
    }
  }

  private static final java.util.regex.Pattern IPV6_LITERAL =
      java.util.regex.Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  static List<String> defaultBind(String hostAddress) {
    // The host address comes first: Redis uses the first bind address as the source of its
    // cluster-bus and replication connections, which is the address its peers learn for it.
    // It joins loopback even when it is a loopback alias itself (127.0.0.2 as a test "host").
    return hostAddress.isBlank() || hostAddress.equals("127.0.0.1") || hostAddress.equals("localhost")
        ? List.of("127.0.0.1") : List.of(hostAddress, "127.0.0.1");
  }

  /** A bind address ("-" marks an optional one) that only this machine can reach. */
  static boolean isLoopback(String address) {
    return ListenPolicy.isLoopback(address.startsWith("-") ? address.substring(1) : address);
  }

  private static void checkAddress(int port, String field, String value) throws AgentException {
    // ".." never occurs in an IP literal or DNS name; refusing it keeps path-like values out
    if (!ADDRESS.matcher(value).matches() || value.contains("..") || value.startsWith(".")) {
      throw invalid(port, field + " '" + AuthRenderer.printable(value) + "' is not an address");
    }
  }

  private static AgentException invalid(int port, String message) {
    return new AgentException(Kind.INVALID_REQUEST, "node " + port + ": render conf: " + message);
  }
}
