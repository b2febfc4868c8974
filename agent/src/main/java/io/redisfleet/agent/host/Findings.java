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

  /** A sysctl the agent package's sysctl.d file sets: the fix names the file and how to apply it. */
  static HostCheck sysctl(String name, String observed, String expected, String why) {
    return build(name, "warning", observed, expected, ShippedSettings.SYSCTL_FILE + " (redis-fleet-agent package)"
        + " sets it: " + ShippedSettings.APPLY + "; an override in /etc/sysctl.d may hold it back; " + why, true);
  }

  /** Transparent huge pages, which the package's tmpfiles.d file turns off. */
  static HostCheck thp(String observed, String expected) {
    return build("transparent_hugepage", "warning", observed, expected, ShippedSettings.THP_FILE
        + " (redis-fleet-agent package) sets never: " + ShippedSettings.APPLY
        + "; latency and memory spikes after fork", true);
  }

  static HostCheck unknown(String name) {
    return build(name, "warning", "unreadable", "readable", "the agent could not read it; check by hand", false);
  }

  private static HostCheck build(String name, String severity, String observed, String expected, String fix,
      boolean sysctl) {
    return HostCheck.newBuilder().setName(name).setSeverity(severity)
        .setLevel(io.redisfleet.contract.WireEnums.severity(severity)).setObserved(observed)
        .setExpected(expected).setFix(fix).setSysctl(sysctl).build();
  }
}
