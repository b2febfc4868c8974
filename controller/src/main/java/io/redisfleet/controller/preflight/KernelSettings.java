package io.redisfleet.controller.preflight;

/**
 * Where the kernel settings Redis needs live: files the redis-fleet-agent package ships and systemd
 * applies at boot (the postinst at install). Nothing sets them at runtime any more: the hardened
 * agent unit (ProtectKernelTunables, ProtectSystem=strict) cannot, by design.
 */
public final class KernelSettings {

  public static final String SYSCTL_FILE = "/usr/lib/sysctl.d/60-redis-fleet.conf";
  public static final String THP_FILE = "/usr/lib/tmpfiles.d/redis-fleet-thp.conf";

  /** What preflight --fix-sysctl reports for a host whose settings are not in effect. */
  public static final String HINT = "nothing changed: the settings ship in " + SYSCTL_FILE + " and " + THP_FILE
      + " (package redis-fleet-agent); apply them on the host with"
      + " systemctl restart systemd-sysctl systemd-tmpfiles-setup, or reboot";

  private KernelSettings() {}
}
