package io.redisfleet.controller.model;

import java.util.List;

/**
 * How a node's conf on its host differs from what the inventory wants (the agent's dry run).
 *
 * @param confExists the agent already has a conf for the node
 * @param changed applying the node would change something (conf or process)
 * @param restart applying would restart a running node
 * @param changedDirectives directive names whose values differ
 * @param detail the agent's summary of what it would do
 * @param password where a running node with auth stands towards the desired password
 * @param runningDiffers directives (among changedDirectives) whose conf is right but whose
 *     running value differs (a half-applied live change, a by-hand CONFIG SET)
 * @param mayRestart a live change that may still restart the node: its certificates are reloaded,
 *     and a node the agent cannot reach with the new ones is restarted instead
 */
public record ConfDrift(
    boolean confExists, boolean changed, boolean restart, List<String> changedDirectives,
    String detail, PasswordState password, List<String> runningDiffers, boolean mayRestart) {

  public ConfDrift {
    changedDirectives = List.copyOf(changedDirectives);
    java.util.Objects.requireNonNull(password, "password");
    runningDiffers = List.copyOf(runningDiffers);
  }

  /** A drift whose live change never restarts the node. */
  public ConfDrift(boolean confExists, boolean changed, boolean restart, List<String> changedDirectives,
      String detail, PasswordState password, List<String> runningDiffers) {
    this(confExists, changed, restart, changedDirectives, detail, password, runningDiffers, false);
  }

  /** A drift judged against the conf file only. */
  public ConfDrift(boolean confExists, boolean changed, boolean restart, List<String> changedDirectives,
      String detail, PasswordState password) {
    this(confExists, changed, restart, changedDirectives, detail, password, List.of());
  }

  /** A drift with the password in place (or no auth). */
  public ConfDrift(boolean confExists, boolean changed, boolean restart, List<String> changedDirectives,
      String detail) {
    this(confExists, changed, restart, changedDirectives, detail, PasswordState.CURRENT);
  }

  public static ConfDrift none() {
    return new ConfDrift(true, false, false, List.of(), "unchanged");
  }

  /**
   * A node's password towards the inventory's, as its agent reports it (no secret involved).
   *
   * @param acceptPending the node does not accept the desired password yet
   * @param switchPending the node's masterauth is another password
   */
  public record PasswordState(boolean acceptPending, boolean switchPending) {
    public static final PasswordState CURRENT = new PasswordState(false, false);

    public boolean rotating() {
      return acceptPending || switchPending;
    }
  }
}
