package io.redisfleet.controller.model;

/** A phase of a password change on a running node (the agent touches only its auth). */
public enum PasswordPhase {
  /** The node accepts the new password beside the old one. */
  ACCEPT_NEW,
  /** The node authenticates to its master with the new password. */
  SWITCH_MASTERAUTH
}
