package io.redisfleet.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A replication group on two loopback "hosts" (agents a on 127.0.0.1, b on 127.0.0.2), without
 * persistence, so a node restarted empty shows as lost keys. Nodes are indexes into {@link #ports};
 * even indexes live on a, odd ones on b.
 */
final class GroupFleet implements AutoCloseable {

  final Agents agents;
  final Path inventory;
  final List<Integer> ports = FreePorts.pick(4);
  private final int agentA;
  private final int agentB;

  GroupFleet(Path dir) throws IOException {
    this(dir, java.util.Optional.empty());
  }

  /** Agents that run {@code redisServer} (an {@link InstalledServer} wrapper) instead of the one on PATH. */
  GroupFleet(Path dir, java.util.Optional<Path> redisServer) throws IOException {
    this.agents = new Agents(dir);
    this.agentA = agents.start("a", "127.0.0.1", io.redisfleet.agent.host.SystemRoot.HOST, redisServer);
    this.agentB = agents.start("b", "127.0.0.2", io.redisfleet.agent.host.SystemRoot.HOST, redisServer);
    this.inventory = dir.resolve("group.conf");
  }

  String file() {
    return inventory.toString();
  }

  String host(int i) {
    return i % 2 == 0 ? "a" : "b";
  }

  String address(int i) {
    return i % 2 == 0 ? "127.0.0.1" : "127.0.0.2";
  }

  String ref(int i) {
    return host(i) + ":" + ports.get(i);
  }

  /** The group "g" with this master and these replicas; no group at all when master is negative. */
  void write(int master, int... replicas) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "defaults.redis { appendonly = no, save = \"\" }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agentA + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agentB + " }",
        "}"));
    if (master >= 0) {
      String list = java.util.Arrays.stream(replicas).mapToObj(r -> "\"" + ref(r) + "\"")
          .collect(Collectors.joining(", "));
      lines.add("replication.g { master = \"" + ref(master) + "\", replicas = [ " + list + " ] }");
    }
    Files.writeString(inventory, String.join("\n", lines) + "\n");
  }

  Jedis jedis(int i) {
    return new Jedis(address(i), ports.get(i), 3000);
  }

  String info(int i, String field) {
    try (Jedis j = jedis(i)) {
      return j.info("replication").lines().filter(l -> l.startsWith(field + ":")).findFirst()
          .map(l -> l.substring(field.length() + 1).trim()).orElse("");
    }
  }

  long pid(int i) {
    try (Jedis j = jedis(i)) {
      return Long.parseLong(j.info("server").lines().filter(l -> l.startsWith("process_id:")).findFirst()
          .orElseThrow().substring("process_id:".length()).trim());
    }
  }

  void writeKeys(int master, int count) {
    try (Jedis j = jedis(master)) {
      for (int n = 0; n < count; n++) {
        j.set("k:" + n, "v" + n);
      }
    }
  }

  /** The keys of {@code 0..count-1} that node {@code i} does not hold with their value. */
  List<String> missing(int i, int count) {
    List<String> lost = new ArrayList<>();
    try (Jedis j = jedis(i)) {
      for (int n = 0; n < count; n++) {
        if (!("v" + n).equals(j.get("k:" + n))) {
          lost.add("k:" + n);
        }
      }
    }
    return lost;
  }

  @Override
  public void close() {
    agents.close();
  }
}
