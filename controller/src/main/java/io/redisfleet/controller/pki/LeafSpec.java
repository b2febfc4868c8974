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
   * Decides the extendedKeyUsage: peers refuse a certificate used for the other purpose. A Redis
   * node is both: it serves clients and dials its master and its cluster peers with the same
   * certificate.
   */
  public enum Role { AGENT, CONTROLLER, REDIS_NODE }

  public LeafSpec {
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(validity, "validity");
    names = List.copyOf(names);
    if (commonName.isBlank()) {
      throw new IllegalArgumentException("common name is empty");
    }
    if (role != Role.CONTROLLER && names.isEmpty()) {
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

  public static LeafSpec controller(String name, Validity validity) {
    return new LeafSpec(name, Role.CONTROLLER, List.of(), validity);
  }
}
