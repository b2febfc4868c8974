package io.redisfleet.controller.lock;

/** Another controller run holds the fleet lease; the message names it and when it expires. */
public final class FleetLockedException extends Exception {

  private static final long serialVersionUID = 1L;

  public FleetLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
