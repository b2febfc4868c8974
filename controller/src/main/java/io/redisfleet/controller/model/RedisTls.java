package io.redisfleet.controller.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * TLS for a cluster's or replication group's Redis traffic: the nodes serve only TLS on their
 * ports, and their cluster bus and replication links use TLS. Every certificate comes from the
 * fleet CA (the agents' CA).
 *
 * @param authClients Redis' tls-auth-clients: "yes" (clients need a certificate from the CA),
 *     "optional" or "no"
 * @param caPem the fleet CA certificate every node and the controller trust
 * @param hosts each inventory host's node certificate (serverAuth and clientAuth, the host's
 *     address and 127.0.0.1 as subjectAltNames), shared by that host's nodes of this cluster
 * @param client the controller's own client certificate towards the nodes (verify)
 */
public record RedisTls(String authClients, String caPem, Map<String, Certificate> hosts, Certificate client) {

  public static final Set<String> AUTH_CLIENTS = Set.of("yes", "optional", "no");

  public RedisTls {
    Objects.requireNonNull(authClients, "authClients");
    Objects.requireNonNull(caPem, "caPem");
    hosts = Map.copyOf(hosts);
    Objects.requireNonNull(client, "client");
    if (!AUTH_CLIENTS.contains(authClients)) {
      throw new IllegalArgumentException("auth-clients must be yes, optional or no");
    }
  }

  /** A certificate (PEM) and its private key (PKCS#8 PEM, secret: prints as ***). */
  public record Certificate(String certPem, Secret keyPem) {
    public Certificate {
      Objects.requireNonNull(certPem, "certPem");
      Objects.requireNonNull(keyPem, "keyPem");
    }
  }

  /** The node certificate of an inventory host. */
  public Optional<Certificate> forHost(String host) {
    return Optional.ofNullable(hosts.get(host));
  }

  @Override
  public String toString() {
    return "RedisTls[authClients=" + authClients + ", hosts=" + hosts.keySet() + "]";
  }
}
