package io.redisfleet.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.SlotRange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cluster numbers (slots, healthy replicas) and a down node, rendered from NodeStates. */
class AgentMetricsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void clusterMasterSlotsAndReplicasAndADownNode() {
    ClusterView view = ClusterView.newBuilder().setMyId("m1").setState("ok")
        .addNodes(ClusterNode.newBuilder().setId("m1").addFlags("myself").addFlags("master")
            .addSlots(SlotRange.newBuilder().setStart(0).setEnd(5460))
            .addSlots(SlotRange.newBuilder().setStart(10923).setEnd(10923)))
        .addNodes(ClusterNode.newBuilder().setId("r1").addFlags("slave").setMasterId("m1"))
        .addNodes(ClusterNode.newBuilder().setId("r2").addFlags("slave").addFlags("fail").setMasterId("m1")).build();
    NodeState master = NodeState.newBuilder().setPort(7000).setRunning(true).setReachable(true).setRole("master")
        .setClusterEnabled(true).setCluster(view).setKeys(5).setUptimeSeconds(60).build();
    NodeState down = NodeState.newBuilder().setPort(7001).setRunning(false).build();
    String text = AgentMetrics.render(new AgentMetrics.Facts("1.0", NOW.minusSeconds(30), Optional.empty(),
        Optional.of(NOW.plusSeconds(86400)), List.of(master, down)), Clock.fixed(NOW, ZoneOffset.UTC));
    assertTrue(text.contains("\nredisfleet_node_slots{port=\"7000\"} 5462\n"), text);
    assertTrue(text.contains("\nredisfleet_node_cluster_replicas{port=\"7000\"} 1\n"), "a failing replica does not count");
    assertTrue(text.contains("\nredisfleet_node_last_restart_timestamp_seconds{port=\"7000\"} "
        + (NOW.getEpochSecond() - 60) + "\n"), text);
    assertTrue(text.contains("\nredisfleet_node_up{port=\"7001\"} 0\n"), text);
    assertFalse(text.contains("redisfleet_node_keys{port=\"7001\"}"), "a down node reports no stale numbers");
    assertTrue(text.contains("\nredisfleet_agent_uptime_seconds 30\n"), text);
    assertTrue(text.contains("\nredisfleet_agent_certificate_expiry_timestamp_seconds " + (NOW.getEpochSecond() + 86400)
        + "\n"), text);
    assertFalse(text.contains("last_apply"), "no apply yet: no sample rather than a made-up one");
  }
}
