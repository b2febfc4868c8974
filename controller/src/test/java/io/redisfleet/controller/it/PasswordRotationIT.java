package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;

/**
 * A password change on a running cluster (password only) and pair (ACL users) never stops a
 * replica from authenticating to its master. While apply rotates, a background thread keeps
 * killing every replication link (CLIENT KILL TYPE replica on the masters), so every replica
 * re-authenticates again and again with whatever masterauth it has at that moment; afterwards no
 * replica log may hold an AUTH failure, no node was restarted, and only the new password works.
 */
class PasswordRotationIT {

  static final String OLD = "old-S3cret-" + Long.toHexString(System.nanoTime());
  static final String NEW = "new-S3cret-" + Long.toHexString(System.nanoTime());

  @TempDir static Path dir;
  static List<Integer> ports;
  static final List<AgentServer> agents = new ArrayList<>();
  static final Set<Long> pids = new HashSet<>();
  static String file;

  @BeforeAll
  static void start() throws IOException {
    ports = FreePorts.pick(8);
    int a = agent("127.0.0.1", dir.resolve("a"));
    int b = agent("127.0.0.2", dir.resolve("b"));
    Files.writeString(dir.resolve("cluster.pw"), OLD);
    Files.writeString(dir.resolve("pair.pw"), OLD);
    Files.writeString(dir.resolve("inventory.conf"), String.join("\n",
        "defaults.redis { cluster-node-timeout = 5000, repl-diskless-sync-delay = 0 }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + a + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + b + " }",
        "}",
        "clusters.main {",
        "  replicas = 1",
        "  auth { password-file = \"cluster.pw\" }",
        "  nodes = [ " + node("a", 0) + ", " + node("a", 1) + ", " + node("a", 2) + ", "
            + node("b", 3) + ", " + node("b", 4) + ", " + node("b", 5) + " ]",
        "}",
        "replication.pair {",
        "  master = " + node("a", 6) + ", replicas = [ " + node("b", 7) + " ]",
        "  auth { password-file = \"pair.pw\", users { default { rules = \"off\" } } }",
        "}",
        ""));
    file = dir.resolve("inventory.conf").toString();
  }

  static int agent(String address, Path state) throws IOException {
    AgentServer server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
        AgentConfig.underStateDir(state, address, AgentConfig.Backend.PROCESS));
    agents.add(server);
    return server.port();
  }

  static String node(String host, int i) {
    return "\"" + host + ":" + ports.get(i) + "\"";
  }

  static Jedis login(int i, String password) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().socketTimeoutMillis(3000)
        .password(password);
    if (i >= 6) {
      b.user("redis-fleet");
    }
    String address = i < 3 || i == 6 ? "127.0.0.1" : "127.0.0.2";
    return new Jedis(new HostAndPort(address, ports.get(i)), b.build());
  }

  /** A connection with whichever password the node takes right now. */
  static Optional<Jedis> admin(int i) {
    for (String pw : List.of(NEW, OLD)) {
      try {
        Jedis j = login(i, pw); // Jedis authenticates while connecting
        j.ping();
        return Optional.of(j);
      } catch (RuntimeException e) {
        // the other password, or not running
      }
    }
    return Optional.empty();
  }

  static Path log(int i) {
    return dir.resolve((i < 3 || i == 6 ? "a" : "b") + "/data/" + ports.get(i) + "/redis.log");
  }

  @AfterAll
  static void stop() {
    for (int i = 0; i < 8; i++) {
      admin(i).ifPresent(j -> {
        try (j) {
          pids.add(pid(j));
        }
      });
    }
    pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    agents.forEach(AgentServer::close);
  }

  static long pid(Jedis j) {
    return Long.parseLong(j.info("server").lines().filter(l -> l.startsWith("process_id:")).findFirst()
        .orElseThrow().substring("process_id:".length()).trim());
  }

  @Test
  void rotationKeepsEveryReplicaAuthenticatedAndRestartsNothing() throws Exception {
    assertEquals(0, Cli.run("apply", file).exit());
    List<Long> before = new ArrayList<>();
    List<Long> logSizes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      try (Jedis j = admin(i).orElseThrow()) {
        before.add(pid(j));
      }
      logSizes.add(Files.size(log(i)));
    }
    Files.writeString(dir.resolve("cluster.pw"), NEW);
    Files.writeString(dir.resolve("pair.pw"), NEW);
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("also accepts the new password"), plan.out());

    AtomicBoolean rotating = new AtomicBoolean(true);
    AtomicInteger kills = new AtomicInteger();
    Thread chaos = new Thread(() -> {
      while (rotating.get()) {
        for (int i = 0; i < 8; i++) {
          admin(i).ifPresent(j -> {
            try (j) {
              if (j.info("replication").contains("role:master")) {
                kills.addAndGet((int) j.clientKill(ClientKillParams.clientKillParams().type(ClientType.REPLICA)));
              }
            } catch (RuntimeException e) {
              // the node switched password under us: the next round logs in again
            }
          });
        }
      }
    }, "kill-replication-links");
    chaos.start();
    Cli apply;
    try {
      apply = Cli.run("apply", file, "--json");
    } finally {
      rotating.set(false);
      chaos.join(10_000);
    }
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(kills.get() > 0, "no replication link was killed during the rotation");
    awaitLinksUp();
    for (int i = 0; i < 8; i++) {
      String added = Files.readString(log(i)).substring(logSizes.get(i).intValue());
      assertFalse(added.contains("Unable to AUTH") || added.contains("WRONGPASS") || added.contains("NOAUTH"),
          "node " + i + " failed to authenticate to its master during the rotation:\n" + added);
      try (Jedis j = login(i, NEW)) {
        assertEquals(before.get(i), pid(j), "node " + i + " was restarted for a password change");
      }
      int node = i;
      assertThrows(JedisDataException.class, () -> {
        try (Jedis old = login(node, OLD)) {
          old.ping();
        }
      }, "node " + i + " still accepts the old password");
    }
    assertEquals(0, Cli.run("verify", file).exit());
    assertEquals(0, Cli.run("plan", file).exit());
  }

  /** Every replica's link is up again (it reconnects by itself after the last kill). */
  static void awaitLinksUp() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String down = "";
    while (System.nanoTime() < deadline) {
      down = "";
      for (int i = 0; i < 8; i++) {
        try (Jedis j = login(i, NEW)) {
          String info = j.info("replication");
          if (info.contains("role:slave") && !info.contains("master_link_status:up")) {
            down += " " + i;
          }
        }
      }
      if (down.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("replica links still down after 30 s on nodes" + down);
  }
}
