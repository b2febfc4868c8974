package io.redisfleet.contract;

import java.util.Set;

/**
 * The one list of redis.conf directives the agent writes itself (paths, process model, identity,
 * auth, TLS) and refuses in a NodeSpec. The controller refuses the same names in an inventory,
 * with a reason each, before any agent is contacted; its test checks that it covers this list.
 */
public final class ManagedDirectives {

  public static final Set<String> OWNED_BY_AGENT = Set.of(
      "dir", "pidfile", "dbfilename", "appendfilename", "appenddirname", "cluster-config-file",
      "logfile", "include", "daemonize", "supervised", "port", "bind", "replicaof", "slaveof",
      "cluster-enabled", "rename-command", "loadmodule",
      // authentication comes only through NodeSpec.auth, which the agent validates and renders
      "requirepass", "masterauth", "masteruser", "aclfile", "user",
      // TLS material is the agent's
      "tls-cert-file", "tls-key-file", "tls-ca-cert-file", "tls-ca-cert-dir", "tls-client-cert-file",
      "tls-client-key-file", "tls-dh-params-file", "tls-key-file-pass", "tls-client-key-file-pass",
      "unixsocket",
      // TLS comes only through NodeSpec.tls
      "tls-port", "tls-cluster", "tls-replication", "tls-auth-clients");

  private ManagedDirectives() {}
}
