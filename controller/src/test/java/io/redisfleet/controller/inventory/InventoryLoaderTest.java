package io.redisfleet.controller.inventory;

import io.redisfleet.controller.model.Engines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid inventories parse into exactly the expected model. */
class InventoryLoaderTest {

  private static final Path VALID = Path.of("src/test/resources/inventory/valid");
  private static final Path EXAMPLES = Path.of("../inventory");
  private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

  @Test
  void localExampleIsTheTutorialOnOneMachine() throws Exception {
    Path file = EXAMPLES.resolve("local.conf");
    List<Directive> directives = List.of(Directive.of("repl-diskless-sync-delay", "0"),
        Directive.of("appendonly", "yes"), Directive.of("cluster-node-timeout", "15000"));
    String stateDir = Path.of("..").toAbsolutePath().normalize().resolve(".state/local").toString();
    Inventory expected = new Inventory(file.toString(),
        Map.of("local", new Host("local", "127.0.0.1", 7781, AgentMode.EMBEDDED, Map.of(),
            Optional.of(stateDir))),
        List.of(new ClusterSpec("main", 1, nodes(directives, "local", 7000, 7001, 7002, 7003, 7004,
            7005))),
        List.of(new ReplicationGroup("pair", node("local", 6380, directives),
            List.of(node("local", 6381, directives)))),
        Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
    assertEquals(expected, InventoryLoader.load(file, ENV));
  }

  @Test
  void seedTwoHostsIsTheTutorialCluster() throws Exception {
    Path file = EXAMPLES.resolve("seed-two-hosts.conf");
    List<Directive> directives = List.of(Directive.of("repl-diskless-sync-delay", "0"),
        Directive.of("appendonly", "yes"), Directive.of("cluster-node-timeout", "15000"));
    List<NodeDecl> nodes = new ArrayList<>(nodes(directives, "h1", 7000, 7001, 7002));
    nodes.addAll(nodes(directives, "h2", 7003, 7004, 7005));
    Inventory expected = new Inventory(file.toString(),
        Map.of("h1", remote("h1", "172.16.179.130", Map.of("rack", "r1")),
            "h2", remote("h2", "172.16.179.131", Map.of("rack", "r2"))),
        List.of(new ClusterSpec("main", 1, nodes)), List.of(),
        new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)),
        Optional.of("/etc/redis-fleet/controller-tls"), Map.of(), Engines.ANY);
    assertEquals(expected, InventoryLoader.load(file, ENV));
  }

  @Test
  void seedReplicationIsTheTutorialPair() throws Exception {
    Path file = EXAMPLES.resolve("seed-replication.conf");
    List<Directive> directives = List.of(Directive.of("repl-diskless-sync-delay", "0"),
        Directive.of("save", "900", "1"), Directive.of("save", "300", "10"));
    Inventory expected = new Inventory(file.toString(),
        Map.of("h1", remote("h1", "172.16.179.130", Map.of())), List.of(),
        List.of(new ReplicationGroup("cache", node("h1", 6379, directives),
            List.of(node("h1", 6378, directives)))),
        Timeouts.DEFAULT, Optional.of("/etc/redis-fleet/controller-tls"), Map.of(), Engines.ANY);
    assertEquals(expected, InventoryLoader.load(file, ENV));
  }

  @Test
  void loadsWithTheProcessEnvironmentByDefault() throws Exception {
    Path file = EXAMPLES.resolve("local.conf");
    assertEquals(InventoryLoader.load(file, ENV), InventoryLoader.load(file));
  }

  @Test
  void missingFileIsAnErrorNamingIt() {
    InvalidInventoryException e = assertThrows(InvalidInventoryException.class,
        () -> InventoryLoader.load(VALID.resolve("nothing-here.conf"), ENV));
    assertEquals(List.of(VALID.resolve("nothing-here.conf") + ": no such file; give the path of an "
        + "inventory file, e.g. inventory/local.conf"),
        e.errors().stream().map(InventoryError::toString).toList());
  }

  @Test
  void aGoneHostIsKeptApartFromTheHostsAnAgentIsCalledOn() throws Exception {
    Inventory inventory = InventoryLoader.load(VALID.resolve("gone-host.conf"), ENV);
    assertEquals(List.of("h1", "h2", "h4"), inventory.hosts().keySet().stream().sorted().toList());
    assertEquals(Map.of("h3", remote("h3", "10.0.0.3", Map.of())), inventory.goneHosts());
  }

  static List<NodeDecl> nodes(List<Directive> directives, String host, int... ports) {
    List<NodeDecl> out = new ArrayList<>();
    for (int port : ports) {
      out.add(node(host, port, directives));
    }
    return out;
  }

  static NodeDecl node(String host, int port, List<Directive> directives) {
    return new NodeDecl(new NodeRef(host, port), directives);
  }

  static Host remote(String name, String address, Map<String, String> labels) {
    return new Host(name, address, Host.DEFAULT_AGENT_PORT, AgentMode.REMOTE, labels,
        Optional.empty());
  }
}
