package io.redisfleet.agent.host;

import io.redisfleet.agent.v1.HostCheck;

/** Factories for {@link HostCheck}s, so each check reads as its rule and nothing else. */
final class Findings {

  private Findings() {}

  static HostCheck ok(String name, String observed, String expected) {
    return build(name, "ok", observed, expected, "", false);
  }

  static HostCheck warning(String name, String observed, String expected, String fix) {
    return build(name, "warning", observed, expected, fix, false);
  }

  static HostCheck error(String name, String observed, String expected, String fix) {
    return build(name, "error", observed, expected, fix, false);
  }

  /** A sysctl that FixSysctl can set: the fix names the command and the --fix-sysctl option. */
  static HostCheck sysctl(String name, String observed, String expected, String why) {
    String value = expected.replace(">= ", "");
    return build(name, "warning", observed, expected, "sysctl -w " + name + "=" + value
        + " and persist it in /etc/sysctl.d (controller preflight --fix-sysctl does both); " + why, true);
  }

  static HostCheck unknown(String name) {
    return build(name, "warning", "unreadable", "readable", "the agent could not read it; check by hand", false);
  }

  private static HostCheck build(String name, String severity, String observed, String expected, String fix,
      boolean sysctl) {
    return HostCheck.newBuilder().setName(name).setSeverity(severity).setObserved(observed)
        .setExpected(expected).setFix(fix).setSysctl(sysctl).build();
  }
}
