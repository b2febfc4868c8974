package io.redisfleet.controller.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.WireEnums;
import io.redisfleet.agent.v1.ClusterLink;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.FailoverMode;
import io.redisfleet.agent.v1.HostCheck;
import io.redisfleet.agent.v1.MasterLink;
import io.redisfleet.agent.v1.NodeRole;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enum wins when set; an older agent (strings only) reads as before; agent and controller agree both ways. */
class WireValuesTest {

  @Test
  void theEnumWinsOverTheString() {
    NodeState s = NodeState.newBuilder().setRole("slave").setNodeRole(NodeRole.NODE_ROLE_REPLICA)
        .setMasterLinkStatus("whatever").setMasterLink(MasterLink.MASTER_LINK_UP).build();
    assertEquals("replica", WireValues.role(s));
    assertTrue(WireValues.masterLinkUp(s));
    assertFalse(WireValues.connected(ClusterNode.newBuilder().setLinkState("connected")
        .setLink(ClusterLink.CLUSTER_LINK_DISCONNECTED).build()));
    assertEquals("error", WireValues.severity(HostCheck.newBuilder().setSeverity("x")
        .setLevel(Severity.SEVERITY_ERROR).build()));
  }

  @Test
  void anOlderAgentsStringsAreReadWhenTheEnumIsUnset() {
    NodeState s = NodeState.newBuilder().setRole("replica").setMasterLinkStatus("up").build();
    assertEquals("replica", WireValues.role(s));
    assertTrue(WireValues.masterLinkUp(s));
    assertFalse(WireValues.masterLinkUp(NodeState.newBuilder().setMasterLinkStatus("down").build()));
    assertTrue(WireValues.connected(ClusterNode.newBuilder().setLinkState("connected").build()));
    assertEquals("warning", WireValues.severity(HostCheck.newBuilder().setSeverity("warning").build()));
  }

  @Test
  void whatTheAgentFillsReadsBackAsItsString() {
    for (String role : List.of("master", "replica")) {
      for (String link : List.of("up", "down", "")) {
        NodeState s = NodeState.newBuilder().setNodeRole(WireEnums.role(role))
            .setMasterLink(WireEnums.masterLink(role, link)).build();
        assertEquals(role, WireValues.role(s));
        assertEquals(role.equals("replica") && link.equals("up"), WireValues.masterLinkUp(s), role + " " + link);
      }
    }
    for (String sev : List.of("ok", "warning", "error")) {
      assertEquals(sev, WireValues.severity(HostCheck.newBuilder().setLevel(WireEnums.severity(sev)).build()));
    }
    for (String mode : List.of("", "FORCE", "TAKEOVER")) {
      assertEquals(mode, WireEnums.failoverMode(WireValues.failoverMode(mode), "unused"));
    }
    assertEquals("FORCE", WireEnums.failoverMode(FailoverMode.FAILOVER_MODE_UNSPECIFIED, "FORCE"));
  }
}
