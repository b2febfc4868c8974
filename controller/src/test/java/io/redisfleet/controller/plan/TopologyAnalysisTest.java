package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Timeouts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopologyAnalysisTest {

  @Test
  void tutorialTwoHostsCannotSurviveLosingTheHostWithTwoMasters() throws Exception {
    Inventory inv = InventoryLoader.load(Path.of("../inventory/seed-two-hosts.conf"), Map.of("HOME", "/home/t"));
    List<TopologyAnalysis.Finding> findings = TopologyAnalysis.analyze(inv);
    // h1 (rack r1) gets two of the three masters; h2 alone is survivable
    assertEquals(List.of("host h1", "rack r1"),
        findings.stream().map(TopologyAnalysis.Finding::domain).toList(), findings.toString());
    assertTrue(findings.get(0).toString().contains("only 1 of 3 masters remain, no majority"), findings.toString());
  }

  @Test
  void threeHostsSurviveAnyHostButNotTheirSharedRack() {
    Map<String, Host> hosts = new LinkedHashMap<>();
    hosts.put("h1", host("h1", "r1"));
    hosts.put("h2", host("h2", "r1"));
    hosts.put("h3", host("h3", "r2"));
    List<NodeDecl> nodes = List.of("h1:7000", "h1:7001", "h2:7002", "h2:7003", "h3:7004", "h3:7005").stream()
        .map(s -> new NodeDecl(Fixtures.ref(s), List.of())).toList();
    Inventory inv = new Inventory("t", hosts, List.of(new ClusterSpec("main", 1, nodes)), List.of(),
        Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
    List<TopologyAnalysis.Finding> findings = TopologyAnalysis.analyze(inv);
    assertEquals(List.of("rack r1"), findings.stream().map(TopologyAnalysis.Finding::domain).toList(),
        findings.toString());
  }

  @Test
  void replicasPreferAnotherRackWhenHostsAllowIt() {
    Map<String, Host> hosts = new LinkedHashMap<>();
    for (String h : List.of("a1", "a2", "b1", "b2", "c1", "c2")) {
      hosts.put(h, host(h, h.substring(0, 1)));
    }
    List<NodeRef> nodes = hosts.keySet().stream().map(h -> new NodeRef(h, 7000)).toList();
    Layout layout = Placement.place(nodes, 1, hosts);
    layout.replicaOf().forEach((r, m) -> assertTrue(r.host().charAt(0) != m.host().charAt(0),
        r + " shares a rack with its master " + m + " in " + layout));
  }

  private static Host host(String name, String rack) {
    return new Host(name, "10.0.0." + name.hashCode() % 200, Host.DEFAULT_AGENT_PORT, AgentMode.REMOTE,
        Map.of("rack", rack), Optional.empty());
  }
}
