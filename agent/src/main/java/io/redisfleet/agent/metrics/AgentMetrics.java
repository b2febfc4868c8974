package io.redisfleet.agent.metrics;

import io.redisfleet.agent.node.NodeDrift;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.SlotRange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the agent exposes for Prometheus: per node (every port it manages) up, role, replica link,
 * slots, keys, memory and the time of its last (re)start; per agent its version, uptime, the last
 * ApplyNode's result and time, and its certificate's expiry; drift, the agent's own and the
 * controller's last plan ({@link DriftMetrics}).
 */
public final class AgentMetrics {

  /** What the agent knows at scrape time. */
  public record Facts(String version, Instant started, Optional<ApplyRecord.Last> lastApply,
      Optional<Instant> certificateExpiry, List<NodeState> nodes, List<NodeDrift.Finding> drift,
      Optional<PlanReports.Last> plan) {

    /** Without drift and without a plan report. */
    public Facts(String version, Instant started, Optional<ApplyRecord.Last> lastApply,
        Optional<Instant> certificateExpiry, List<NodeState> nodes) {
      this(version, started, lastApply, certificateExpiry, nodes, List.of(), Optional.empty());
    }
  }

  private AgentMetrics() {}

  public static String render(Facts facts, Clock clock) {
    Instant now = clock.instant();
    Exposition e = new Exposition();
    e.gauge("redisfleet_agent_info", "The agent's version (value always 1).", 1, "version", facts.version());
    e.gauge("redisfleet_agent_uptime_seconds", "Seconds since the agent started.",
        Math.max(0, now.getEpochSecond() - facts.started().getEpochSecond()));
    facts.lastApply().ifPresent(l -> {
      e.gauge("redisfleet_agent_last_apply_success", "1 if the last ApplyNode succeeded, 0 if it failed.", l.ok() ? 1 : 0);
      e.gauge("redisfleet_agent_last_apply_timestamp_seconds", "When the last ApplyNode ended (Unix time).",
          l.at().getEpochSecond());
    });
    facts.certificateExpiry().ifPresent(t -> e.gauge("redisfleet_agent_certificate_expiry_timestamp_seconds",
        "notAfter of the agent's TLS certificate (Unix time).", t.getEpochSecond()));
    for (NodeState n : facts.nodes()) {
      String port = Integer.toString(n.getPort());
      boolean up = n.getRunning() && n.getReachable();
      e.gauge("redisfleet_node_up", "1 if the node runs and answers as the node the agent runs.", up ? 1 : 0,
          "port", port);
      if (!up) {
        continue;
      }
      e.gauge("redisfleet_node_role", "The node's role (value always 1).", 1, "port", port, "role", n.getRole());
      if (n.getRole().equals("replica")) {
        e.gauge("redisfleet_node_replica_link_up", "1 if a replica's link to its master is up.",
            n.getMasterLinkStatus().equals("up") ? 1 : 0, "port", port,
            "master", n.getMaster().getHost() + ":" + n.getMaster().getPort());
      }
      if (n.getClusterEnabled()) {
        e.gauge("redisfleet_node_slots", "Hash slots the node serves (cluster masters).", slots(n), "port", port);
        e.gauge("redisfleet_node_cluster_state_ok", "1 if the node says cluster_state:ok.",
            n.getCluster().getState().equals("ok") ? 1 : 0, "port", port);
        if (n.getRole().equals("master")) {
          e.gauge("redisfleet_node_cluster_replicas", "Replicas of this master the cluster does not flag as failing"
              + " (0 on a master with slots: losing its host loses those slots).", replicas(n), "port", port);
        }
      }
      e.gauge("redisfleet_node_keys", "Keys in all databases.", n.getKeys(), "port", port);
      e.gauge("redisfleet_node_used_memory_bytes", "INFO used_memory.", n.getUsedMemory(), "port", port);
      e.gauge("redisfleet_node_maxmemory_bytes", "maxmemory, 0 for no limit.", n.getMaxmemory(), "port", port);
      e.gauge("redisfleet_node_last_restart_timestamp_seconds", "When the node's process started (Unix time).",
          now.getEpochSecond() - n.getUptimeSeconds(), "port", port);
    }
    DriftMetrics.add(e, facts.drift(), facts.plan());
    return e.render();
  }

  private static long slots(NodeState n) {
    return n.getCluster().getNodesList().stream().filter(c -> c.getFlagsList().contains("myself")).findFirst()
        .map(ClusterNode::getSlotsList).orElse(List.of()).stream().mapToLong(AgentMetrics::size).sum();
  }

  private static long replicas(NodeState n) {
    String me = n.getCluster().getMyId();
    return n.getCluster().getNodesList().stream().filter(c -> !me.isEmpty() && c.getMasterId().equals(me))
        .filter(c -> c.getFlagsList().stream().noneMatch(f -> f.startsWith("fail"))).count();
  }

  private static long size(SlotRange r) {
    return r.getEnd() - r.getStart() + 1L;
  }
}
