package io.redisfleet.controller.pki;

import java.util.List;
import java.util.Objects;

/**
 * What a leaf certificate says: who it is (CN), what it is for, which names it answers to and
 * when it is valid.
 *
 * @param commonName the subject CN (the agent's inventory host name, or "controller")
 * @param role an agent is a TLS server, the controller a TLS client
 * @param names subjectAltNames; an agent needs the address the controller dials
 */
public record LeafSpec(String commonName, Role role, List<SubjectAltName> names, Validity validity) {

  /**
   * Decides the extendedKeyUsage (peers refuse a certificate used for the other purpose) and the
   * role URI every leaf carries as a subjectAltName ({@code urn:redis-fleet:role:<name>}). A Redis
   * node is both server and client: it serves clients and dials its master and its cluster peers
   * with the same certificate. Only {@link #CONTROLLER} may command an agent: the agent checks
   * the URI ({@code io.redisfleet.agent.tls.ControllerOnly}), because every role's certificate
   * comes from the same fleet CA and a Redis certificate also has clientAuth.
   */
  public enum Role {
    AGENT("agent"), CONTROLLER("controller"), REDIS_NODE("redis-node"), REDIS_CLIENT("redis-client");

    /** The prefix of every role URI; the agent's check spells the controller's out in full. */
    public static final String URI_PREFIX = "urn:redis-fleet:role:";

    private final String name;

    Role(String name) {
      this.name = name;
    }

    public String uri() {
      return URI_PREFIX + name;
    }
  }

  public LeafSpec {
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(validity, "validity");
    names = List.copyOf(names);
    if (commonName.isBlank()) {
      throw new IllegalArgumentException("common name is empty");
    }
    if ((role == Role.AGENT || role == Role.REDIS_NODE) && names.isEmpty()) {
      throw new IllegalArgumentException(
          "an agent certificate needs at least one subjectAltName (the address the controller dials)");
    }
  }

  public static LeafSpec agent(String name, List<SubjectAltName> names, Validity validity) {
    return new LeafSpec(name, Role.AGENT, names, validity);
  }

  public static LeafSpec redisNode(String name, List<SubjectAltName> names, Validity validity) {
    return new LeafSpec(name, Role.REDIS_NODE, names, validity);
  }

  /** The controller's identity towards agents: only {@code controller pki issue controller} makes one. */
  public static LeafSpec controller(String name, Validity validity) {
    return new LeafSpec(name, Role.CONTROLLER, List.of(), validity);
  }

  /** The controller's client certificate towards TLS Redis nodes (verify): no say over agents. */
  public static LeafSpec redisClient(String name, Validity validity) {
    return new LeafSpec(name, Role.REDIS_CLIENT, List.of(), validity);
  }
}
