package io.redisfleet.controller.model;

/** A node's replication role as it answered; UNKNOWN when it did not answer (or said something else). */
public enum Role {
  MASTER,
  REPLICA,
  UNKNOWN;

  /** "master", "replica", or "" (unknown): how INFO replication spells it, for messages. */
  @Override
  public String toString() {
    return this == UNKNOWN ? "" : name().toLowerCase(java.util.Locale.ROOT);
  }

  /** INFO replication's spelling ("slave" too); UNKNOWN for anything else. */
  public static Role of(String role) {
    return switch (role) {
      case "master" -> MASTER;
      case "replica", "slave" -> REPLICA;
      default -> UNKNOWN;
    };
  }
}
