package io.redisfleet.controller.inventory;

import io.redisfleet.controller.model.Engines;
import static io.redisfleet.controller.inventory.InventoryLoaderTest.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * valid/overrides.conf: directive layers (built-in, defaults, group, node), lists as repeated
 * directives, an include, and ${?ENV} substitution through an environment the test controls.
 */
class LayeredInventoryTest {

  private static final Path FILE = Path.of("src/test/resources/inventory/valid/overrides.conf");
  private static final Path DIR = FILE.toAbsolutePath().getParent();

  private static final Directive DISKLESS = Directive.of("repl-diskless-sync-delay", "0");
  private static final Directive POLICY = Directive.of("maxmemory-policy", "allkeys-lru");
  private static final Directive LAZY = Directive.of("lazyfree-lazy-eviction", "yes");
  private static final Directive SAVE_NONE = Directive.of("save", "");
  private static final List<Directive> CLUSTER = List.of(DISKLESS, Directive.of("appendonly", "yes"),
      Directive.of("maxmemory", "100mb"), POLICY, SAVE_NONE, LAZY);
  private static final List<Directive> NODE_7001 = List.of(
      Directive.of("repl-diskless-sync-delay", "5"), Directive.of("appendonly", "no"),
      Directive.of("maxmemory", "200mb"), POLICY, SAVE_NONE, LAZY);
  private static final List<Directive> BUFFERS = List.of(
      Directive.of("client-output-buffer-limit", "replica", "256mb", "64mb", "60"),
      Directive.of("client-output-buffer-limit", "pubsub", "32mb", "8mb", "60"),
      Directive.of("notify-keyspace-events", ""));
  private static final List<Directive> GROUP = concat(List.of(DISKLESS,
      Directive.of("appendonly", "yes"), Directive.of("maxmemory", "50mb"), POLICY,
      Directive.of("save", "900", "1"), Directive.of("save", "300", "10")), BUFFERS);
  private static final List<Directive> MASTER = concat(List.of(DISKLESS,
      Directive.of("appendonly", "yes"), Directive.of("maxmemory", "50mb"), POLICY,
      Directive.of("save", "60", "10000")), BUFFERS);

  @Test
  void layersIncludesAndDefaultsWithoutEnvironment() throws Exception {
    Map<String, String> env = Map.of("XDG_STATE_HOME", "/xdg/state", "HOME", "/home/tester");
    assertEquals(expected("127.0.0.2", 7781), InventoryLoader.load(FILE, env));
  }

  @Test
  void environmentSubstitutesOptionalValues() throws Exception {
    Map<String, String> env = Map.of("XDG_STATE_HOME", "/xdg/state", "HOME", "/home/tester",
        "H2_ADDRESS", "127.0.0.22", "AGENT_PORT", "9000");
    assertEquals(expected("127.0.0.22", 9000), InventoryLoader.load(FILE, env));
  }

  @Test
  void defaultStateDirFallsBackToHomeWithoutXdg() throws Exception {
    Inventory inventory = InventoryLoader.load(FILE, Map.of("HOME", "/home/tester"));
    assertEquals(Optional.of("/home/tester/.local/state/redis-fleet/h2"),
        inventory.host("h2").stateDir());
  }

  private static Inventory expected(String h2Address, int agentPort) {
    Map<String, Host> hosts = Map.of(
        "h1", new Host("h1", "127.0.0.1", agentPort, AgentMode.REMOTE,
            Map.of("rack", "r1", "row", "3"), Optional.empty()),
        "h2", new Host("h2", h2Address, 7781, AgentMode.EMBEDDED, Map.of(),
            Optional.of("/xdg/state/redis-fleet/h2")),
        "h3", new Host("h3", "localhost", 7781, AgentMode.EMBEDDED, Map.of(),
            Optional.of("/home/tester/fleet/h3")));
    ClusterSpec main = new ClusterSpec("main", 0, List.of(node("h1", 7000, CLUSTER),
        node("h1", 7001, NODE_7001), node("h2", 7002, CLUSTER)));
    ReplicationGroup cache = new ReplicationGroup("cache", node("h1", 6379, MASTER),
        List.of(node("h2", 6378, GROUP)));
    return new Inventory(FILE.toString(), hosts, List.of(main), List.of(cache),
        new Timeouts(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMillis(1500)),
        Optional.of(DIR.resolve("tls").toString()), Map.of(), Engines.ANY);
  }

  private static List<Directive> concat(List<Directive> a, List<Directive> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
