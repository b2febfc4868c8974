package io.redisfleet.agent.host;

/**
 * The kernel settings Redis needs ship in the agent package as files systemd applies at boot (and
 * the postinst at install). The agent never writes them at runtime: its hardened unit
 * (ProtectKernelTunables, ProtectSystem=strict, a capability bounding set) forbids it, and a
 * daemon reachable over the network should not be able to change the kernel anyway.
 */
public final class ShippedSettings {

  public static final String SYSCTL_FILE = "/usr/lib/sysctl.d/60-redis-fleet.conf";
  public static final String THP_FILE = "/usr/lib/tmpfiles.d/redis-fleet-thp.conf";
  public static final String APPLY = "systemctl restart systemd-sysctl systemd-tmpfiles-setup (or reboot)";

  /** Why FixSysctl changes nothing, and what to do instead. */
  public static final String NOT_SUPPORTED = "not supported under the hardened agent unit: the settings ship in "
      + SYSCTL_FILE + " and " + THP_FILE + " (package redis-fleet-agent); apply them with " + APPLY;

  private ShippedSettings() {}
}
