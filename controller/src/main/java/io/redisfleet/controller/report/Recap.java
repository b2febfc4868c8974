package io.redisfleet.controller.report;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-host counts of an apply, Ansible style: {@code changed} counts steps that changed
 * something, {@code failed} steps that failed, {@code ok} the host's nodes nothing had to touch,
 * {@code notAttempted} steps skipped (outside --limit, a failed host, the rollout stopped), and
 * {@code unreachable} whether the host's agent did not answer.
 */
public record Recap(Map<String, HostRecap> hosts) {

  /** One host's line of the recap. */
  public record HostRecap(int ok, int changed, int failed, boolean unreachable, int notAttempted) {}

  public static Recap of(Inventory inventory, List<StepResult> results, Observation last) {
    Map<String, HostRecap> hosts = new TreeMap<>();
    Set<NodeRef> touched = new HashSet<>();
    for (StepResult r : results) {
      boolean untouched = r instanceof StepResult.Done d && !d.changed() || !r.step().mutating();
      if (!untouched) { // changed, failed or not attempted: not "ok"
        touched.add(r.step().node());
      }
    }
    for (String host : inventory.hosts().keySet()) {
      int changed = (int) results.stream().filter(r -> r.step().node().host().equals(host))
          .filter(r -> r instanceof StepResult.Done d && d.changed()).count();
      int failed = (int) results.stream().filter(r -> r.step().node().host().equals(host))
          .filter(StepResult.Failed.class::isInstance).count();
      int ok = (int) inventory.desiredNodes().stream().map(DesiredNode::ref)
          .filter(n -> n.host().equals(host) && !touched.contains(n)).count();
      int skipped = (int) results.stream().filter(r -> r.step().node().host().equals(host))
          .filter(StepResult.Skipped.class::isInstance).count();
      boolean unreachable = last.hosts().get(host) instanceof HostObservation.Unreachable;
      hosts.put(host, new HostRecap(unreachable ? 0 : ok, changed, failed, unreachable, skipped));
    }
    return new Recap(hosts);
  }

  public int ok() {
    return hosts.values().stream().mapToInt(HostRecap::ok).sum();
  }

  public int changed() {
    return hosts.values().stream().mapToInt(HostRecap::changed).sum();
  }

  public int notAttempted() {
    return hosts.values().stream().mapToInt(HostRecap::notAttempted).sum();
  }

  public int unreachable() {
    return (int) hosts.values().stream().filter(HostRecap::unreachable).count();
  }

  public int failed() {
    return hosts.values().stream().mapToInt(HostRecap::failed).sum();
  }
}
