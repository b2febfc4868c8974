package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a running cluster, as it is now (after whatever failovers happened), survives losing
 * any one host, and any one rack or zone: what {@code status} reports. The same analysis as
 * {@code validate}'s ({@link TopologyAnalysis}), on the observed layout instead of the planned one.
 *
 * @param anyOneHost empty when not known (a node did not answer or the cluster is not formed)
 * @param anyOneDomain as anyOneHost, for every failure domain: hosts, racks and zones
 * @param why one line: the masters per host, or each loss the cluster would not survive
 */
public record Survivability(String cluster, Optional<Boolean> anyOneHost, Optional<Boolean> anyOneDomain,
    String why, List<TopologyAnalysis.Finding> findings) {

  public Survivability {
    findings = List.copyOf(findings);
  }

  public static List<Survivability> observed(Inventory inventory, Observation observation) {
    return inventory.clusters().stream().map(c -> of(c, inventory, observation)).toList();
  }

  private static Survivability of(ClusterSpec spec, Inventory inventory, Observation observation) {
    ObservedLayout observed = ObservedLayout.of(spec, inventory, observation);
    if (!observed.complete()) {
      String why = observed.missing().isEmpty() ? "not known: no master serves slots yet"
          : "not known: " + observed.missing().stream().map(NodeRef::toString).collect(Collectors.joining(", "))
              + " down or not answering";
      return new Survivability(spec.name(), Optional.empty(), Optional.empty(), why, List.of());
    }
    List<TopologyAnalysis.Finding> findings = TopologyAnalysis.analyze(spec, inventory.hosts(), observed.layout());
    boolean hosts = findings.stream().noneMatch(f -> f.domain().startsWith("host "));
    String why = findings.isEmpty() ? "masters per host " + perHost(observed.layout())
        + ", every shard keeps a copy outside each host" + (labelled(spec, inventory) ? ", rack and zone" : "")
        : (hosts ? "any one host: yes (masters per host " + perHost(observed.layout()) + "); but " : "")
            + findings.stream().map(f -> "losing " + f.domain() + ": " + String.join("; ", f.reasons()))
                .collect(Collectors.joining("; "));
    return new Survivability(spec.name(), Optional.of(hosts), Optional.of(findings.isEmpty()), why, findings);
  }

  private static String perHost(Layout layout) {
    Map<String, Long> counts = new TreeMap<>(layout.masters().stream()
        .collect(Collectors.groupingBy(NodeRef::host, Collectors.counting())));
    return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static boolean labelled(ClusterSpec spec, Inventory inventory) {
    return spec.refs().stream().anyMatch(r -> TopologyAnalysis.LABELS.stream()
        .anyMatch(l -> inventory.hosts().get(r.host()).labels().containsKey(l)));
  }
}
