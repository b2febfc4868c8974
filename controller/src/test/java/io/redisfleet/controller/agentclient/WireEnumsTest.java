package io.redisfleet.controller.agentclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.v1.ClusterLink;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.FailoverMode;
import io.redisfleet.agent.v1.MasterLink;
import io.redisfleet.agent.v1.NodeRole;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.Severity;
import io.redisfleet.contract.WireEnums;
import io.redisfleet.controller.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proto enums beside the older strings, read through the one mapping at the agent client. */
class WireEnumsTest {

  @Test
  void theEnumWinsOverTheString() {
    NodeState s = NodeState.newBuilder().setPort(7000).setReachable(true).setRole("slave")
        .setNodeRole(NodeRole.NODE_ROLE_REPLICA).setMasterLinkStatus("whatever")
        .setMasterLink(MasterLink.MASTER_LINK_UP).build();
    var node = NodeStates.report("h1", s).node();
    assertEquals(Role.REPLICA, node.role());
    assertTrue(node.linkUp());
    assertFalse(WireEnums.connected(ClusterLink.CLUSTER_LINK_DISCONNECTED, "connected"));
    assertEquals("error", WireEnums.severity(Severity.SEVERITY_ERROR, "x"));
  }

  @Test
  void anOlderAgentsStringsAreReadWhenTheEnumIsUnset() {
    NodeState s = NodeState.newBuilder().setPort(7000).setReachable(true).setRole("replica")
        .setMasterLinkStatus("up").setClusterEnabled(true).setCluster(ClusterView.newBuilder().setMyId("me")
            .addNodes(ClusterNode.newBuilder().setId("me").setLinkState("connected"))).build();
    var node = NodeStates.report("h1", s).node();
    assertEquals(Role.REPLICA, node.role());
    assertTrue(node.linkUp());
    assertTrue(node.cluster().orElseThrow().nodes().get(0).connected());
    assertFalse(NodeStates.report("h1", NodeState.newBuilder().setPort(7000).setMasterLinkStatus("down").build()).node().linkUp());
    assertEquals(Role.UNKNOWN, NodeStates.report("h1", NodeState.newBuilder().setPort(7000).build()).node().role());
    assertEquals("warning", WireEnums.severity(Severity.SEVERITY_UNSPECIFIED, "warning"));
  }

  @Test
  void whatTheWriterFillsReadsBackAsItsString() {
    for (String role : List.of("master", "replica")) {
      for (String link : List.of("up", "down", "")) {
        NodeState s = NodeState.newBuilder().setPort(7000).setNodeRole(WireEnums.role(role))
            .setMasterLink(WireEnums.masterLink(role, link)).build();
        assertEquals(role, WireEnums.role(s.getNodeRole(), "unused"));
        assertEquals(Role.of(role), NodeStates.report("h1", s).node().role());
        assertEquals(role.equals("replica") && link.equals("up"), WireEnums.masterLinkUp(s.getMasterLink(), "unused"),
            role + " " + link);
      }
    }
    for (String state : List.of("connected", "disconnected")) {
      assertEquals(state.equals("connected"), WireEnums.connected(WireEnums.clusterLink(state), "unused"));
    }
    for (String sev : List.of("ok", "warning", "error")) {
      assertEquals(sev, WireEnums.severity(WireEnums.severity(sev), "unused"));
    }
    for (String mode : List.of("", "FORCE", "TAKEOVER")) {
      assertEquals(mode, WireEnums.failoverMode(WireEnums.failoverMode(mode), "unused"));
    }
    assertEquals("FORCE", WireEnums.failoverMode(FailoverMode.FAILOVER_MODE_UNSPECIFIED, "FORCE"));
  }
}
