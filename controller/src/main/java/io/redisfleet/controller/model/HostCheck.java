package io.redisfleet.controller.model;

import java.util.Objects;

/**
 * One finding of an agent's host check (preflight): a kernel setting, a directory, a binary.
 *
 * @param name what was checked, e.g. "net.core.somaxconn"
 * @param severity "ok", "warning" or "error", as the agent rates it
 * @param observed what the agent found
 * @param expected what the fleet needs
 * @param fix how to fix it; empty when nothing is to fix
 * @param sysctl whether {@code preflight --fix} can fix it (a sysctl the agent may set)
 */
public record HostCheck(String name, String severity, String observed, String expected, String fix, boolean sysctl) {
  public HostCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(fix, "fix");
  }
}
