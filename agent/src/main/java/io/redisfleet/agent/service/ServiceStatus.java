package io.redisfleet.agent.service;

/**
 * Whether a node's process is alive.
 *
 * @param running a redis-server process for the node is alive
 * @param pid its PID, 0 when not running
 * @param startedAtMillis when the backend started it (epoch millis), 0 when unknown
 */
public record ServiceStatus(boolean running, long pid, long startedAtMillis) {

  public static ServiceStatus stopped() {
    return new ServiceStatus(false, 0, 0);
  }
}
