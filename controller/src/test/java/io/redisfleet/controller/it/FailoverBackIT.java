package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.redisfleet.controller.agentclient.BackOff;
import io.redisfleet.controller.agentclient.GrpcAgentClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A shard failed over and back and over again within Redis' election retry time (a spread
 * restore right after a scale out or in does this). On Redis 7.0 the third CLUSTER FAILOVER
 * "won" at once by reusing the votes of the node's first election, under its old config epoch;
 * the other nodes took the slots back within milliseconds and the node stayed a replica (the
 * crash suite's "scale out uncrashed" cell failed on it in CI). Real agents, real redis-servers.
 */
class FailoverBackIT {

  @TempDir
  Path dir;

  @Test
  void aNodeFailedOverBackRightAfterItsOwnElectionEndsMasterAndStaysMaster() throws Exception {
    List<ManagedChannel> channels = new ArrayList<>();
    try (TestFleet fleet = new TestFleet(dir)) {
      // a 10 s node timeout: Redis reuses a won election's votes for 2 x 10 s and refuses a new one
      // for another 20 s, longer than the 3 attempts of 6 s the agent used to make
      fleet.writeInventory(", cluster-node-timeout = 10000");
      Cli apply = Cli.run("apply", fleet.inventory.toString(), "--skip-preflight");
      assertEquals(0, apply.exit(), apply.toString());

      int replica = IntStream.range(0, 6).filter(i -> fleet.info(i, "replication", "role").equals("slave"))
          .findFirst().orElseThrow();
      int masterPort = Integer.parseInt(fleet.info(replica, "replication", "master_port"));
      int master = fleet.ports.indexOf(masterPort);

      failover(fleet, channels, replica);
      awaitRoles(fleet, replica, master);
      awaitAgreement(fleet, replica, master);
      failover(fleet, channels, master);
      awaitRoles(fleet, master, replica);
      awaitAgreement(fleet, master, replica);
      failover(fleet, channels, replica); // within the 40 s: the node's first election is still reusable
      awaitRoles(fleet, replica, master);
      Thread.sleep(2_000); // a taken-back win shows within milliseconds; give gossip two seconds more
      assertRoles(fleet, replica, master);
    } finally {
      channels.forEach(ManagedChannel::shutdownNow);
    }
  }

  /** The agent's CLUSTER FAILOVER on node i, as the controller sends it. */
  private static void failover(TestFleet fleet, List<ManagedChannel> channels, int i) throws Exception {
    String host = fleet.address(i).equals("127.0.0.1") ? "a" : "b";
    ManagedChannel channel = NettyChannelBuilder.forAddress(fleet.address(i), fleet.agentPort(host)).usePlaintext()
        .build();
    channels.add(channel);
    GrpcAgentClient client = new GrpcAgentClient(host, channel, Duration.ofSeconds(30), BackOff.NONE, "");
    long start = System.nanoTime();
    var answer = client.failover(fleet.ports.get(i), io.redisfleet.controller.model.FailoverMode.COORDINATED);
    System.out.println("failover of node " + i + ": " + answer.detail() + " (" + (System.nanoTime() - start) / 1_000_000
        + " ms)");
    assertTrue(answer.changed(), "node " + i + " was a replica");
  }

  /** Polls {@link #assertRoles} for up to 10 s: the old master turns replica one gossip round later. */
  private static void awaitRoles(TestFleet fleet, int master, int replica) throws InterruptedException {
    for (int i = 0; ; i++) {
      try {
        assertRoles(fleet, master, replica);
        return;
      } catch (AssertionError e) {
        if (i == 100) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Polls for up to 20 s until every node's CLUSTER NODES shows {@code master} as a master and
   * {@code replica} following it, as the controller's wait before the next failover does.
   */
  private static void awaitAgreement(TestFleet fleet, int master, int replica) throws InterruptedException {
    String masterId;
    try (Jedis j = fleet.jedis(master)) {
      masterId = j.clusterMyId();
    }
    for (int round = 0; round < 200; round++) {
      boolean all = true;
      for (int i = 0; i < 6 && all; i++) {
        try (Jedis j = fleet.jedis(i)) {
          List<String> lines = j.clusterNodes().lines().toList();
          all = lines.stream().anyMatch(l -> l.startsWith(masterId + " ") && l.split(" ")[2].contains("master"))
              && lines.stream().anyMatch(l -> l.contains(":" + fleet.ports.get(replica) + "@")
                  && l.split(" ")[2].contains("slave") && l.split(" ")[3].equals(masterId));
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the nodes do not agree that node " + replica + " follows node " + master);
  }

  /** {@code master} is a master and {@code replica} replicates it, both as they say themselves. */
  private static void assertRoles(TestFleet fleet, int master, int replica) {
    assertEquals("master", fleet.info(master, "replication", "role"), "node " + master + " is master");
    assertEquals("slave", fleet.info(replica, "replication", "role"), "node " + replica + " is a replica");
    assertEquals(String.valueOf(fleet.ports.get(master)), fleet.info(replica, "replication", "master_port"));
  }
}
