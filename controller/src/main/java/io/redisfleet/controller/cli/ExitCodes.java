package io.redisfleet.controller.cli;

/** The exit codes of the README's contract ("Commands and exit codes"), in one place. */
public final class ExitCodes {

  /** Valid, converged, healthy, done. */
  public static final int OK = 0;
  /** Invalid input, failed apply, unhealthy fleet, refused destroy. */
  public static final int FAILED = 1;
  /** {@code plan}: changes pending. */
  public static final int CHANGES_PENDING = 2;

  /**
   * A wrong option or argument, or no command (sysexits' EX_USAGE): apart from 0, 1 and 2 so a
   * script can tell "I called it wrong" from "the fleet failed" and from "changes pending".
   */
  public static final int USAGE = 64;

  private ExitCodes() {}
}
