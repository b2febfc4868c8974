package io.redisfleet.agent.node;

import io.redisfleet.agent.redis.ClusterTopology;
import io.redisfleet.agent.redis.Address;
import io.redisfleet.agent.redis.Migration;
import io.redisfleet.agent.redis.Slots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.redis.ClusterNodesParser;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.RedisAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each cluster op checks the node's view first and sends only what is missing. */
class ClusterOpsTest {

  private static final String ME = "a".repeat(40);
  private static final String OTHER = "b".repeat(40);

  private final FakeRedis redis = new FakeRedis();
  private final ClusterOps ops = new ClusterOps(
      AgentConfig.underStateDir(Path.of("/tmp/unused"), "10.0.0.5", AgentConfig.Backend.PROCESS), redis);

  @Test
  void setsEpochOnlyOnAFreshNode() throws Exception {
    redis.view = view(0, ME + " :7000@17000 myself,master - 0 0 0 connected");
    assertTrue(ops.setConfigEpoch(7000, 3).getChanged());
    redis.view = view(3, ME + " :7000@17000 myself,master - 0 0 3 connected");
    assertFalse(ops.setConfigEpoch(7000, 3).getChanged());
    assertEquals(List.of("SET-CONFIG-EPOCH 7000 3"), redis.sent);
  }

  @Test
  void meetsOnlyUnknownAddresses() throws Exception {
    redis.view = view(1, ME + " 10.0.0.5:7000@17000 myself,master - 0 0 1 connected\n"
        + OTHER + " 10.0.0.6:7001@17001 master - 0 0 2 connected");
    assertFalse(ops.meet(7000, endpoint("10.0.0.6", 7001)).getChanged());
    assertFalse(ops.meet(7000, endpoint("10.0.0.5", 7000)).getChanged(), "meeting itself");
    assertTrue(ops.meet(7000, endpoint("10.0.0.7", 7002)).getChanged());
    assertEquals(List.of("MEET 7000 10.0.0.7 7002"), redis.sent);
  }

  /** Issue #8: a node replaced empty answers with a new id at an address the cluster lists under its old one. */
  @Test
  void meetsANodeReplacedAtAnAddressTheClusterStillListsUnderItsOldId() throws Exception {
    String replaced = "c".repeat(40);
    redis.view = view(1, ME + " 10.0.0.5:7000@17000 myself,master - 0 0 1 connected\n"
        + OTHER + " 10.0.0.6:7001@17001 slave,fail - 0 0 2 disconnected");
    assertTrue(ops.meet(7000, endpoint("10.0.0.6", 7001)).getChanged(), "a failed line at the address is no reason to skip");
    redis.view = view(1, ME + " 10.0.0.5:7000@17000 myself,master - 0 0 1 connected\n"
        + OTHER + " 10.0.0.6:7001@17001 slave - 0 0 2 connected");
    assertTrue(ops.meet(7000, endpoint("10.0.0.6", 7001), replaced).getChanged(), "the new id is not known yet");
    assertFalse(ops.meet(7000, endpoint("10.0.0.6", 7001), OTHER).getChanged(), "the id it answers with is known");
    assertEquals(List.of("MEET 7000 10.0.0.6 7001", "MEET 7000 10.0.0.6 7001"), redis.sent);
  }

  @Test
  void addsOnlyMissingSlotsAndRefusesSlotsOfOthers() throws Exception {
    redis.view = view(1, ME + " 10.0.0.5:7000@17000 myself,master - 0 0 1 connected 0-99 150\n"
        + OTHER + " 10.0.0.6:7001@17001 master - 0 0 2 connected 300-400");
    assertTrue(ops.addSlots(7000, List.of(range(0, 199))).getChanged());
    assertEquals(List.of("ADDSLOTSRANGE 7000 [100-149, 151-199]"), redis.sent);
    assertFalse(ops.addSlots(7000, List.of(range(0, 99))).getChanged());
    AgentException e = assertThrows(AgentException.class, () -> ops.addSlots(7000, List.of(range(250, 300))));
    assertEquals(AgentException.Kind.NEEDS_OPERATOR, e.kind());
    assertTrue(e.getMessage().contains("slot 300") && e.getMessage().contains(OTHER), e.getMessage());
    assertEquals(1, redis.sent.size());
  }

  @Test
  void redis60GetsAddslotsForTheSameMissingSlots() throws Exception {
    redis.info = new NodeInfo("master", "", 0, "", 0, 0, "6.0.16", 0, 0, "r", true);
    redis.view = view(1, ME + " 10.0.0.5:7000@17000 myself,master - 0 0 1 connected 0-99 150\n"
        + OTHER + " 10.0.0.6:7001@17001 master - 0 0 2 connected 300-400");
    var r = ops.addSlots(7000, List.of(range(0, 199)));
    assertTrue(r.getChanged());
    assertTrue(r.getDetail().startsWith("CLUSTER ADDSLOTS "), r.getDetail());
    assertEquals(List.of("ADDSLOTS 7000 [100-149, 151-199]"), redis.sent);
  }

  @Test
  void replicatesOnlyWhenNotAlreadyReplicaOfThatMaster() throws Exception {
    redis.view = view(1, ME + " 10.0.0.5:7003@17003 myself,slave " + OTHER + " 0 0 2 connected");
    assertFalse(ops.replicate(7003, OTHER).getChanged());
    assertTrue(ops.replicate(7003, "c".repeat(40)).getChanged());
  }

  @Test
  void forgetsOnlyAKnownNodeAndNeverItself() throws Exception {
    redis.view = view(1, ME + " 10.0.0.5:7000@17000 myself,master - 0 0 1 connected 0-16383\n"
        + OTHER + " 10.0.0.6:7001@17001 master - 0 0 2 connected");
    assertTrue(ops.forget(7000, OTHER).getChanged());
    assertFalse(ops.forget(7000, "c".repeat(40)).getChanged());
    assertThrows(AgentException.class, () -> ops.forget(7000, ME));
    assertEquals(List.of("FORGET 7000 " + OTHER), redis.sent);
  }

  @Test
  void resetsAReplicaButNeverAMasterHoldingKeys() throws Exception {
    redis.keys = 10;
    redis.view = view(1, ME + " 10.0.0.5:7003@17003 myself,slave " + OTHER + " 0 0 2 connected\n"
        + OTHER + " 10.0.0.6:7001@17001 master - 0 0 2 connected 0-16383");
    assertTrue(ops.reset(7003).getChanged());
    redis.view = view(1, ME + " 10.0.0.5:7003@17003 myself,master - 0 0 2 connected\n"
        + OTHER + " 10.0.0.6:7001@17001 master - 0 0 2 connected 0-16383");
    assertThrows(AgentException.class, () -> ops.reset(7003));
    redis.keys = 0;
    redis.view = view(1, ME + " 10.0.0.5:7003@17003 myself,master - 0 0 2 connected");
    assertFalse(ops.reset(7003).getChanged());
    assertEquals(List.of("RESET 7003"), redis.sent);
  }

  @Test
  void replicaOfChecksTheCurrentMaster() throws Exception {
    redis.info = new NodeInfo("replica", "10.0.0.5", 6379, "up", 0, 0, "7.0.15", 0, 0, "r", false);
    assertFalse(ops.replicaOf(6378, Optional.of(endpoint("10.0.0.5", 6379))).getChanged());
    assertTrue(ops.replicaOf(6378, Optional.of(endpoint("10.0.0.5", 6380))).getChanged());
    redis.info = new NodeInfo("master", "", 0, "", 0, 0, "7.0.15", 0, 0, "r", false);
    assertFalse(ops.replicaOf(6378, Optional.empty()).getChanged());
    assertEquals(List.of("REPLICAOF 6378 10.0.0.5:6380"), redis.sent);
  }

  @Test
  void failoverToFindsTheReplicaAsTheMasterSeesIt() throws Exception {
    // the replica on 10.0.0.6 connected from another address: matched by its port
    redis.info = master(List.of(new NodeInfo.ConnectedReplica("10.0.0.9", 6380, "online", 42),
        new NodeInfo.ConnectedReplica("10.0.0.7", 6381, "online", 42)));
    assertTrue(ops.failoverTo(6379, endpoint("10.0.0.6", 6380), 0).getChanged());
    assertEquals(List.of("FAILOVER 6379 TO 10.0.0.9 6380 TIMEOUT 10000"), redis.sent);
  }

  @Test
  void failoverToRefusesAReplicaThatIsNotConnectedOrNotOnline() {
    redis.info = master(List.of(new NodeInfo.ConnectedReplica("10.0.0.6", 6380, "wait_bgsave", 0)));
    AgentException e = assertThrows(AgentException.class, () -> ops.failoverTo(6379, endpoint("10.0.0.6", 6381), 0));
    assertTrue(e.getMessage().contains("no such replica") && e.getMessage().contains("10.0.0.6:6380"), e.getMessage());
    AgentException syncing = assertThrows(AgentException.class, () -> ops.failoverTo(6379, endpoint("10.0.0.6", 6380), 0));
    assertEquals(AgentException.Kind.RETRYABLE, syncing.kind());
    assertEquals(List.of(), redis.sent);
  }

  @Test
  void failoverToIsDoneOnceTheOldMasterFollowsTheNewOne() throws Exception {
    redis.info = new NodeInfo("replica", "10.0.0.6", 6380, "up", 0, 0, "7.0.15", 0, 0, "r", false);
    assertFalse(ops.failoverTo(6379, endpoint("10.0.0.6", 6380), 0).getChanged());
    assertThrows(AgentException.class, () -> ops.failoverTo(6379, endpoint("10.0.0.6", 6390), 0));
    assertEquals(List.of(), redis.sent);
  }

  /** A controller killed right after FAILOVER TO: the next apply finds it in progress, or done. */
  @Test
  void failoverToAfterAKilledControllerWaitsForTheHandoverInProgress() throws Exception {
    redis.info = master(List.of(new NodeInfo.ConnectedReplica("10.0.0.6", 6380, "online", 42)));
    redis.failoverRefusal = "node 6379: FAILOVER TO 10.0.0.6 6380 TIMEOUT 10000: redis replied ERR FAILOVER already in progress.";
    var inProgress = ops.failoverTo(6379, endpoint("10.0.0.6", 6380), 0);
    assertFalse(inProgress.getChanged());
    assertTrue(inProgress.getDetail().contains("already in progress"), inProgress.getDetail());
    redis.failoverRefusal = "node 6379: FAILOVER TO 10.0.0.6 6380 TIMEOUT 10000: redis replied ERR something else";
    assertThrows(AgentException.class, () -> ops.failoverTo(6379, endpoint("10.0.0.6", 6380), 0));
    // done: the old master follows the address it saw the replica connect from (same port)
    redis.info = new NodeInfo("replica", "127.0.0.1", 6380, "up", 0, 0, "7.0.15", 0, 0, "r", false);
    assertFalse(ops.failoverTo(6379, endpoint("127.0.0.2", 6380), 0).getChanged());
  }

  private static NodeInfo master(List<NodeInfo.ConnectedReplica> replicas) {
    return new NodeInfo("master", "", 0, "", 42, 10, "7.0.15", 0, 0, "r", false, 1234, replicas);
  }

  private static ClusterTopology view(long myEpoch, String nodes) {
    return ClusterNodesParser.parse("cluster_my_epoch:" + myEpoch, nodes);
  }

  private static Address endpoint(String host, int port) {
    return new Address(host, port);
  }

  private static Slots range(int start, int end) {
    return new Slots(start, end);
  }

  /** A coordinated failover Redis accepted and let lapse is sent again, at most three times. */
  @Test
  void aClusterFailoverThatLapsedIsSentAgain() throws Exception {
    replicaPromotedBy(2);
    assertEquals(2, attempts(new ElectionLog()).run(7001, "", SECONDS_5, () -> false));
    assertEquals(List.of("FAILOVER 7001 ", "FAILOVER 7001 "), redis.sent);
    assertEquals(0, attempts(new ElectionLog()).run(7001, "", SECONDS_5, () -> false), "a master is not failed over again");

    redis.sent.clear();
    replicaPromotedBy(-1); // never happens: three attempts, then the controller's wait names it
    assertEquals(3, attempts(new ElectionLog()).run(7001, "", SECONDS_5, () -> false));
    assertEquals(3, redis.sent.size());
  }

  /**
   * Redis 7.0 reuses the votes of an election the node won a moment ago: the node is master for
   * a few milliseconds, UPDATE turns it back, and the failover is lost. The agent sees the win
   * taken back, waits (here until its budget ends) and sends again.
   */
  @Test
  void aWinTakenBackIsWaitedOutAndSentAgain() throws Exception {
    redis.info = node("replica", "10.0.0.6", 7000);
    redis.promoteAlways = true;
    redis.takeBackAfterReads = 2; // master for two INFO reads, then a replica again
    redis.config.put("cluster-node-timeout", "1000");
    ElectionLog elections = new ElectionLog();
    long start = System.nanoTime();
    assertEquals(2, attempts(elections).run(7001, "", Duration.ofMillis(900), () -> false));
    long waited = (redis.sentAt.get(1) - redis.sentAt.get(0)) / 1_000_000;
    assertTrue(waited >= 500, "waited " + waited + " ms before sending again");
    assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "the wait ends with the budget");
    assertEquals("master", redis.info.role());
    assertTrue(elections.blockedFor(7001, "r") > 3_000_000_000L, "a win of a 1 s node timeout blocks elections for 4.5 s");
  }

  /** A node this agent saw win is not failed over again until its election cannot be reused. */
  @Test
  void aNodeThatJustWonWaitsBeforeItsNextFailover() throws Exception {
    ElectionLog elections = new ElectionLog();
    elections.started(7001, "r", Duration.ofMillis(400));
    replicaPromotedBy(1);
    long start = System.nanoTime();
    assertEquals(1, attempts(elections).run(7001, "", SECONDS_5, () -> false));
    assertTrue((redis.sentAt.get(0) - start) / 1_000_000 >= 350, "sent only after the election retry time");

    ElectionLog restarted = new ElectionLog();
    restarted.started(7001, "another-process", Duration.ofSeconds(60));
    redis.sent.clear();
    redis.sentAt.clear();
    replicaPromotedBy(1);
    start = System.nanoTime();
    assertEquals(1, attempts(restarted).run(7001, "", SECONDS_5, () -> false));
    assertTrue((redis.sentAt.get(0) - start) / 1_000_000 < 1_000, "a restarted node has no election to reuse");
  }

  /**
   * An election the node started and lost (voters still on the old roles) blocks a new one for
   * Redis' retry time: the next CLUSTER FAILOVER waits for it (here, until the budget ends). A
   * dropped one (no election started, as in the lapse test) is sent again after one attempt.
   */
  @Test
  void anElectionLostIsWaitedOutBeforeTheNextFailover() throws Exception {
    replicaPromotedBy(2);
    redis.failoverStartsElection = true;
    redis.config.put("cluster-node-timeout", "5000");
    assertEquals(2, attempts(new ElectionLog()).run(7001, "", Duration.ofMillis(1_000), () -> false));
    long waited = (redis.sentAt.get(1) - redis.sentAt.get(0)) / 1_000_000;
    assertTrue(waited >= 600, "waited " + waited + " ms (the attempt and the rest of the budget)");
  }

  /**
   * The controller killed while the agent waits out a node's election: the call is cancelled and
   * no CLUSTER FAILOVER is sent after it (its successor may have planned otherwise).
   */
  @Test
  void aCancelledCallSendsNothingAfterItsWait() throws Exception {
    ElectionLog elections = new ElectionLog();
    elections.started(7001, "r", Duration.ofSeconds(30));
    replicaPromotedBy(1);
    long cancelAt = System.nanoTime() + 300_000_000L;
    long start = System.nanoTime();
    AgentException e = assertThrows(AgentException.class,
        () -> attempts(elections).run(7001, "", SECONDS_5, () -> System.nanoTime() > cancelAt));
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    assertEquals(List.of(), redis.sent);
    assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, "the wait ends when the call is cancelled");
  }

  private static final Duration SECONDS_5 = Duration.ofSeconds(5);

  /** Node 7001 a replica of 10.0.0.6:7000 that the {@code failovers}-th CLUSTER FAILOVER promotes (-1: none does). */
  private void replicaPromotedBy(int failovers) {
    redis.info = node("replica", "10.0.0.6", 7000);
    redis.failoversUntilPromoted = failovers;
  }

  private ClusterFailoverAttempts attempts(ElectionLog elections) {
    return new ClusterFailoverAttempts(redis, elections, Duration.ofMillis(200), Duration.ofMillis(10),
        Duration.ofMillis(100));
  }

  private static NodeInfo node(String role, String masterHost, int masterPort) {
    return new NodeInfo(role, masterHost, masterPort, role.equals("replica") ? "up" : "", 0, 0, "7.0.15", 0, 0, "r",
        true);
  }

  /** Answers from fixed state and records every command that would change a node. */
  private static final class FakeRedis implements RedisAdmin {
    ClusterTopology view = ClusterNodesParser.parse("", "");
    NodeInfo info = new NodeInfo("master", "", 0, "", 0, 0, "7.0.15", 0, 0, "r", true);
    final List<String> sent = new ArrayList<>();
    String failoverRefusal;
    int failoversUntilPromoted = -1;
    int takeBackAfterReads = -1;
    boolean promoteAlways;
    boolean failoverStartsElection;
    long electionsStarted;

    @Override public long electionsStarted(int port) {
      return electionsStarted;
    }
    final List<Long> sentAt = new ArrayList<>();
    final java.util.Map<String, String> config = new java.util.HashMap<>();
    long keys;

    @Override public NodeInfo info(int port) {
      if (takeBackAfterReads >= 0 && info.role().equals("master") && takeBackAfterReads-- == 0) {
        info = node("replica", "10.0.0.6", 7000); // UPDATE: another node holds the slots under a newer epoch
      }
      return info;
    }
    @Override public java.util.Map<String, String> configGet(int port, List<String> names) {
      return config;
    }

    @Override public void ping(int port) {}
    @Override public Snapshot snapshot(int port) {
      return new Snapshot(info(port), Optional.of(view));
    }
    @Override public ClusterTopology clusterView(int port) {
      return view;
    }
    @Override public void configSet(int port, String name, String value) {
      sent.add("CONFIG SET " + port + " " + name + " " + value);
    }
    @Override public void setConfigEpoch(int port, long epoch) {
      sent.add("SET-CONFIG-EPOCH " + port + " " + epoch);
    }
    @Override public void clusterMeet(int port, String host, int targetPort) {
      sent.add("MEET " + port + " " + host + " " + targetPort);
    }
    @Override public void addSlotsRange(int port, List<Slots> ranges) {
      sent.add("ADDSLOTSRANGE " + port + " "
          + ranges.stream().map(r -> r.start() + "-" + r.end()).toList());
    }
    @Override public void addSlots(int port, List<Slots> ranges) {
      sent.add("ADDSLOTS " + port + " "
          + ranges.stream().map(r -> r.start() + "-" + r.end()).toList());
    }
    @Override public void clusterReplicate(int port, String masterId) {
      sent.add("REPLICATE " + port + " " + masterId);
    }
    @Override public void clusterForget(int port, String nodeId) {
      sent.add("FORGET " + port + " " + nodeId);
    }
    @Override public void clusterReset(int port) {
      sent.add("RESET " + port);
    }
    @Override public void replicaOf(int port, Optional<Address> master) {
      sent.add("REPLICAOF " + port + " " + master.map(m -> m.host() + ":" + m.port()).orElse("NO ONE"));
    }
    @Override public void failoverTo(int port, String host, int targetPort, int timeoutMs) throws AgentException {
      if (failoverRefusal != null) {
        throw new AgentException(AgentException.Kind.FATAL, failoverRefusal);
      }
      sent.add("FAILOVER " + port + " TO " + host + " " + targetPort + " TIMEOUT " + timeoutMs);
    }
    @Override public void clusterFailover(int port, String mode) {
      sent.add("FAILOVER " + port + " " + mode);
      sentAt.add(System.nanoTime());
      if (failoverStartsElection) {
        electionsStarted++;
      }
      if (--failoversUntilPromoted == 0 || promoteAlways) {
        info = node("master", "", 0);
      }
    }
    @Override public long dbSize(int port) {
      return keys;
    }
    // The calls below are not cluster operations: these tests never reach them.
    @Override public Migration migrateSlots(int port, Address target, List<Integer> slots, int batchKeys,
        int timeoutMs) {
      throw new UnsupportedOperationException("migrateSlots");
    }
    @Override public void aclLoad(int port) {
      throw new UnsupportedOperationException("aclLoad");
    }
    @Override public List<String> aclPasswordHashes(int port, String user) {
      throw new UnsupportedOperationException("aclPasswordHashes");
    }
    @Override public void aclSetUser(int port, String user, List<String> rules) {
      throw new UnsupportedOperationException("aclSetUser");
    }
  }
}
