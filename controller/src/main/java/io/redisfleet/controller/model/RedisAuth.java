package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Authentication of a cluster's or replication group's nodes.
 *
 * <p>Without users: {@code password} is the default user's password (requirepass) and every
 * node's masterauth. With users: they go into an ACL file, and {@code password} belongs to the
 * ACL user {@value #FLEET_USER} (all permissions), which the agents, the controller and the
 * replicas (masteruser) log in as. A user named "default" sets what unauthenticated clients may
 * do; without one they may do nothing.
 */
public record RedisAuth(Secret password, List<AclUser> users) {

  public static final String FLEET_USER = "redis-fleet";

  public RedisAuth {
    Objects.requireNonNull(password, "password");
    users = List.copyOf(users);
  }

  /** One ACL user: its rules (no passwords in them) and its passwords. */
  public record AclUser(String name, List<Secret> passwords, List<String> rules) {
    public AclUser {
      Objects.requireNonNull(name, "name");
      passwords = List.copyOf(passwords);
      rules = List.copyOf(rules);
    }
  }

  /** The user redis-fleet logs in as; empty means the default user. */
  public Optional<String> loginUser() {
    return users.isEmpty() ? Optional.empty() : Optional.of(FLEET_USER);
  }
}
