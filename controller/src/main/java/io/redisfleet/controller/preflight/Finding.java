package io.redisfleet.controller.preflight;

/**
 * One preflight finding on one host.
 *
 * @param severity "ok", "warning" (apply goes on) or "error" (apply would fail; it refuses)
 * @param sysctl {@code --fix-sysctl} can fix it
 */
public record Finding(String host, String check, String severity, String observed, String expected, String fix,
    boolean sysctl) {

  public boolean error() {
    return "error".equals(severity);
  }

  public boolean warning() {
    return "warning".equals(severity);
  }
}
