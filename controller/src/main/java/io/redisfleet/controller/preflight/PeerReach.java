package io.redisfleet.controller.preflight;

import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one host's connect attempts into findings. "open" and "closed" (refused: the host
 * answered, nothing listens yet, as before the first apply) both prove the path; "timeout" and
 * "error" mean the nodes could not talk to each other (a firewall, a wrong address).
 */
final class PeerReach {

  private PeerReach() {}

  static List<Finding> findings(String from, Inventory inventory, List<EndpointProbe> probes) {
    Map<String, String> hostByAddress = inventory.hosts().values().stream()
        .collect(Collectors.toMap(h -> h.address(), h -> h.name(), (a, b) -> a));
    List<Finding> out = new ArrayList<>();
    int reachable = 0;
    for (EndpointProbe p : probes) {
      if (p.result().equals("open") || p.result().equals("closed")) {
        reachable++;
        continue;
      }
      String target = hostByAddress.getOrDefault(p.endpoint().host(), p.endpoint().host());
      out.add(new Finding(from, "reach " + target + " " + p.endpoint().host() + ":" + p.endpoint().port(),
          "error", p.result() + (p.detail().isEmpty() ? "" : ": " + p.detail()), "open or refused",
          "allow TCP from " + from + " to " + p.endpoint().host() + ":" + p.endpoint().port()
              + " (node port and bus port + 10000) in the firewall", false));
    }
    out.add(0, new Finding(from, "peer ports", out.isEmpty() ? "ok" : "warning",
        reachable + " of " + probes.size() + " reachable", "all", "", false));
    return out;
  }

  /** A port on a host whose agent is down is that host's problem, already reported: a warning here. */
  static List<Finding> demoteUnreachablePeers(List<Finding> findings, Set<String> unreachable) {
    return findings.stream().map(f -> f.error() && f.check().startsWith("reach ")
        && unreachable.contains(f.check().split(" ")[1])
        ? new Finding(f.host(), f.check(), "warning", f.observed(), f.expected(), f.fix(), f.sysctl()) : f).toList();
  }
}
