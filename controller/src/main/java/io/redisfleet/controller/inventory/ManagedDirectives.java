package io.redisfleet.controller.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * Directives the agent sets itself and refuses from an inventory, each with the reason shown to
 * the user. Letting an inventory set them would break where files live, how the process is
 * supervised, or the topology redis-fleet builds. The names are the agent's list in
 * {@code io.redisfleet.contract.ManagedDirectives} (ManagedDirectivesTest keeps them equal), plus
 * {@code sentinel}, which the agent would pass on but redis-server refuses at start.
 */
final class ManagedDirectives {

  private static final String FILES = "the agent places each node's files in its own directories";
  private static final String PROCESS = "the agent supervises redis-server itself";
  private static final String ADDRESS = "the node listens on the port and address of its host:port";
  private static final String TOPOLOGY =
      "replication follows the inventory's replication groups and cluster placement";

  private static final String AUTH =
      "passwords and users come from the cluster's or group's auth block (password-file, password-env)";
  private static final String TLS = "the agent places each node's TLS material itself";
  private static final String TLS_BLOCK =
      "TLS is switched on by the tls block of the cluster or group: tls { enabled = true }";

  private static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("dir", FILES),
      Map.entry("pidfile", FILES),
      Map.entry("dbfilename", FILES),
      Map.entry("appendfilename", FILES),
      Map.entry("appenddirname", FILES),
      Map.entry("cluster-config-file", FILES),
      Map.entry("logfile", FILES),
      Map.entry("include", "the agent writes each node's conf file whole"),
      Map.entry("daemonize", PROCESS),
      Map.entry("supervised", PROCESS),
      Map.entry("port", ADDRESS),
      Map.entry("bind", ADDRESS),
      Map.entry("replicaof", TOPOLOGY),
      Map.entry("slaveof", TOPOLOGY),
      Map.entry("cluster-enabled", "it is on for nodes under clusters and off for replication groups"),
      Map.entry("rename-command", "the controller needs Redis's commands under their own names"),
      Map.entry("loadmodule", "redis-fleet does not load modules onto hosts"),
      Map.entry("requirepass", AUTH),
      Map.entry("masterauth", AUTH),
      Map.entry("masteruser", AUTH),
      Map.entry("aclfile", AUTH),
      Map.entry("user", AUTH),
      Map.entry("unixsocket", ADDRESS),
      Map.entry("tls-cert-file", TLS),
      Map.entry("tls-key-file", TLS),
      Map.entry("tls-ca-cert-file", TLS),
      Map.entry("tls-ca-cert-dir", TLS),
      Map.entry("tls-client-cert-file", TLS),
      Map.entry("tls-client-key-file", TLS),
      Map.entry("tls-dh-params-file", TLS),
      Map.entry("tls-key-file-pass", TLS),
      Map.entry("tls-client-key-file-pass", TLS),
      Map.entry("tls-port", TLS_BLOCK),
      Map.entry("tls-cluster", TLS_BLOCK),
      Map.entry("tls-replication", TLS_BLOCK),
      Map.entry("tls-auth-clients", TLS_BLOCK),
      Map.entry("sentinel", "it configures Redis Sentinel, which redis-fleet does not run: a redis-server node "
          + "refuses it at start"));

  private ManagedDirectives() {}

  /** Every refused name: the agent's list ({@code io.redisfleet.contract.ManagedDirectives}) and sentinel. */
  static java.util.Set<String> names() {
    return REASONS.keySet();
  }

  /** Why redis-fleet refuses this directive, if it does. */
  static Optional<String> reason(String name) {
    return Optional.ofNullable(REASONS.get(name));
  }
}
