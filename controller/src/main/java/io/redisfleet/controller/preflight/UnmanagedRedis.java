package io.redisfleet.controller.preflight;

import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Inventory;
import java.util.List;
import java.util.Optional;

/**
 * Debian's redis-server package (a dependency of the agent) starts its own redis-server.service on
 * 127.0.0.1:6379 on every host. Where a node of the inventory claims 6379 the agent takes that port
 * over (README "Real hosts"); everywhere else it keeps serving: a Redis nobody deploys, monitors
 * or backs up, which clients on that host may reach by mistake. An operator wants to know, not to
 * have it stopped behind their back (it may be theirs), so preflight says it: a warning, with the
 * fix, found by the host's own agent connecting to its loopback port.
 */
final class UnmanagedRedis {

  static final String CHECK = "unmanaged redis-server :6379";
  static final Endpoint LOOPBACK_6379 = new Endpoint("127.0.0.1", 6379);
  /** Debian's redis-server, declared as the node the probe is for (the agent probes only declared nodes). */
  static final io.redisfleet.controller.model.ProbeNode DECLARED =
      new io.redisfleet.controller.model.ProbeNode(LOOPBACK_6379, 0);

  private UnmanagedRedis() {}

  /** Whether to look on {@code host}: only where no declared node takes 6379 over. */
  static boolean applies(Inventory inventory, String host) {
    return inventory.desiredNodes().stream().noneMatch(d -> d.ref().host().equals(host) && d.ref().port() == 6379);
  }

  static Optional<Finding> finding(String host, List<EndpointProbe> probes) {
    return probes.stream().filter(p -> p.endpoint().host().equals(LOOPBACK_6379.host())
            && p.endpoint().port() == LOOPBACK_6379.port()).findFirst()
        .map(p -> p.result().equals("open")
            ? new Finding(host, CHECK, "warning", "something serves 127.0.0.1:6379 that no node of the inventory"
                + " declares (Debian's redis-server.service, started by the redis-server package)", "nothing",
                "systemctl disable --now redis-server on " + host + " unless you use it (or declare a node on 6379:"
                    + " redis-fleet then takes the port over)", false)
            : new Finding(host, CHECK, "ok", p.result(), "nothing", "", false));
  }
}
