package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.v1.AddSlotsRequest;
import io.redisfleet.agent.v1.ClusterOpResponse;
import io.redisfleet.agent.v1.FenceWritesRequest;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ChangeReason;
import io.redisfleet.agent.v1.ClusterMeetRequest;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.agent.v1.RemoveNodeRequest;
import io.redisfleet.agent.v1.ReplicaOfRequest;
import io.redisfleet.agent.v1.SetConfigEpochRequest;
import io.redisfleet.agent.v1.SlotRange;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The agent over real gRPC (Netty on loopback) driving real redis-server processes. */
class AgentIT {

  @TempDir Path state;
  private AgentServer server;
  private ManagedChannel channel;
  private final TestNodes nodes = new TestNodes();

  @BeforeEach
  void start() throws Exception {
    server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        AgentConfig.underStateDir(state, "127.0.0.1", AgentConfig.Backend.PROCESS));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() {
    nodes.killAll(state); // first, so a failing test never leaves a redis-server behind
    channel.shutdownNow();
    server.close();
  }

  private AgentGrpc.AgentBlockingStub agent() {
    return AgentGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private ApplyNodeResponse apply(NodeSpec spec, boolean dryRun) {
    ApplyNodeResponse r = agent().applyNode(ApplyNodeRequest.newBuilder().setSpec(spec).setDryRun(dryRun).build());
    nodes.remember(r.getPid());
    return r;
  }

  @Test
  void applyStartsOnceThenIsUnchanged() {
    int port = TestNodes.freePort();
    NodeSpec spec = NodeSpec.newBuilder().setPort(port).build();
    ApplyNodeResponse dry = apply(spec, true);
    assertTrue(dry.getChanged());
    assertFalse(Files.exists(state.resolve("nodes/" + port + ".conf")), "dry run wrote nothing");
    ApplyNodeResponse first = apply(spec, false);
    assertTrue(first.getChanged());
    assertEquals(List.of(ChangeReason.CONF_CREATED), first.getReasonsList());
    assertTrue(first.getPid() > 0);
    ApplyNodeResponse second = apply(spec, false);
    assertFalse(second.getChanged(), second.toString());
    assertEquals(first.getPid(), second.getPid());

    try (Jedis j = TestNodes.jedis(port)) {
      j.set("a", "1");
      j.select(3);
      j.set("b", "2");
    }
    NodeState node = observe(port);
    assertTrue(node.getManaged() && node.getRunning() && node.getReachable(), node.toString());
    assertEquals("master", node.getRole());
    assertEquals(2, node.getKeys());
    assertEquals(first.getPid(), node.getPid());
    assertFalse(node.getClusterEnabled());
    assertTrue(node.getRedisVersion().startsWith("7."), node.getRedisVersion());
  }

  @Test
  void liveChangeUsesConfigSetAndRestartChangeRestarts() {
    int port = TestNodes.freePort();
    NodeSpec.Builder spec = NodeSpec.newBuilder().setPort(port).addDirectives(d("maxmemory", "100mb"));
    long pid = apply(spec.build(), false).getPid();

    spec.setDirectives(0, d("maxmemory", "200mb"));
    ApplyNodeResponse live = apply(spec.build(), false);
    assertEquals(List.of(ChangeReason.CONF_CHANGED_LIVE), live.getReasonsList());
    assertEquals(List.of("maxmemory"), live.getChangedDirectivesList());
    assertFalse(live.getRestarted());
    assertEquals(pid, live.getPid());
    try (Jedis j = TestNodes.jedis(port)) {
      assertEquals("209715200", j.configGet("maxmemory").get("maxmemory"));
    }
    assertFalse(apply(spec.build(), false).getChanged());

    spec.addDirectives(d("databases", "32"));
    ApplyNodeResponse dry = apply(spec.build(), true);
    assertTrue(dry.getRestarted());
    assertEquals(pid, dry.getPid());
    ApplyNodeResponse restart = apply(spec.build(), false);
    assertEquals(List.of(ChangeReason.CONF_CHANGED_RESTART), restart.getReasonsList());
    assertTrue(restart.getRestarted());
    assertNotEquals(pid, restart.getPid());
    assertFalse(TestNodes.isRedisServer(pid), "old process gone");
    try (Jedis j = TestNodes.jedis(port)) {
      assertEquals("32", j.configGet("databases").get("databases"));
    }
  }

  @Test
  void restartedAfterBeingKilledAndRefusesAPortHeldByAnotherProcess() throws Exception {
    int port = TestNodes.freePort();
    NodeSpec spec = NodeSpec.newBuilder().setPort(port).build();
    long pid = apply(spec, false).getPid();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    TestNodes.await("killed node gone", 10, () -> TestNodes.isRedisServer(pid) ? null : true);
    ApplyNodeResponse again = apply(spec, false);
    assertEquals(List.of(ChangeReason.NOT_RUNNING), again.getReasonsList());
    assertNotEquals(pid, again.getPid());

    int held = TestNodes.freePort();
    try (ServerSocket other = new ServerSocket(held, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertEquals(held, other.getLocalPort());
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> apply(NodeSpec.newBuilder().setPort(held).build(), false));
      assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
      assertTrue(e.getStatus().getDescription().contains(Integer.toString(held)));
    }
  }

  /**
   * ObserveNodes with previews answers each node's dry run beside its state, the same answer an
   * ApplyNode dry run gives (the controller's observation asks both in one round).
   */
  @Test
  void observeDryRunsTheDeclaredSpecsItIsGiven() {
    int same = TestNodes.freePort();
    int live = TestNodes.freePort();
    int fresh = TestNodes.freePort();
    NodeSpec sameSpec = NodeSpec.newBuilder().setPort(same).addDirectives(d("maxmemory", "100mb")).build();
    apply(sameSpec, false);
    apply(NodeSpec.newBuilder().setPort(live).addDirectives(d("maxmemory", "100mb")).build(), false);
    NodeSpec liveSpec = NodeSpec.newBuilder().setPort(live).addDirectives(d("maxmemory", "200mb"))
        .addDirectives(d("databases", "32")).build();
    NodeSpec freshSpec = NodeSpec.newBuilder().setPort(fresh).build();

    List<NodeState> states = agent().observeNodes(ObserveNodesRequest.newBuilder()
        .addPorts(same).addPorts(live).addPorts(fresh).addPreviews(liveSpec).addPreviews(freshSpec).build()).getNodesList();
    assertEquals(List.of(same, live, fresh), states.stream().map(NodeState::getPort).toList());
    assertFalse(states.get(0).hasPreview(), "no spec given for " + same + ": no dry run");
    assertTrue(states.get(1).getRunning() && states.get(1).getReachable(), states.get(1).toString());
    assertEquals(apply(liveSpec, true), states.get(1).getPreview());
    assertTrue(states.get(1).getPreview().getRestarted(), "databases needs a restart: " + states.get(1).getPreview());
    assertEquals(apply(freshSpec, true), states.get(2).getPreview());
    assertEquals(List.of(ChangeReason.CONF_CREATED), states.get(2).getPreview().getReasonsList());
    assertFalse(Files.exists(state.resolve("nodes/" + fresh + ".conf")), "a preview writes nothing");
    try (Jedis j = TestNodes.jedis(live)) {
      assertEquals("104857600", j.configGet("maxmemory").get("maxmemory"), "a preview changes nothing");
    }

    // with_facts: the host's facts too, and every node it manages besides the ports asked (one round)
    var whole = agent().observeNodes(ObserveNodesRequest.newBuilder().setWithFacts(true).addPorts(live)
        .addPreviews(liveSpec).build());
    assertEquals(agent().getHostFacts(io.redisfleet.agent.v1.GetHostFactsRequest.getDefaultInstance()), whole.getFacts());
    assertEquals(List.of(live, same), whole.getNodesList().stream().map(NodeState::getPort).toList());
    assertTrue(whole.getNodes(1).getManaged() && !whole.getNodes(1).hasPreview(), whole.getNodes(1).toString());
    assertEquals(apply(liveSpec, true), whole.getNodes(0).getPreview());

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> agent().observeNodes(
        ObserveNodesRequest.newBuilder().addPorts(same).addPreviews(liveSpec).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(e.getStatus().getDescription().contains("node " + live), e.getStatus().getDescription());
  }

  @Test
  void confRedisRefusesIsInvalidArgument() {
    int port = TestNodes.freePort();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> apply(NodeSpec.newBuilder().setPort(port).addDirectives(d("maxmemory-policy", "bogus")).build(), false));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(e.getStatus().getDescription().contains("maxmemory-policy"), e.getStatus().getDescription());
  }

  @Test
  void threeNodeClusterThroughTheRpcsReachesOk() throws Exception {
    int[] ports = TestNodes.freePorts(3);
    int[][] slots = {{0, 5460}, {5461, 10922}, {10923, 16383}};
    for (int p : ports) {
      apply(NodeSpec.newBuilder().setPort(p).setClusterEnabled(true)
          .addDirectives(d("cluster-node-timeout", "5000")).build(), false);
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(agent().setConfigEpoch(epoch(ports[i], i + 1)).getChanged());
    }
    for (int i = 1; i < 3; i++) {
      assertTrue(agent().clusterMeet(meet(ports[0], ports[i])).getChanged());
      assertFalse(agent().clusterMeet(meet(ports[0], ports[i])).getChanged(), "second meet is a no-op");
    }
    for (int i = 0; i < 3; i++) {
      AddSlotsRequest add = AddSlotsRequest.newBuilder().setPort(ports[i])
          .addRanges(SlotRange.newBuilder().setStart(slots[i][0]).setEnd(slots[i][1])).build();
      assertTrue(agent().addSlots(add).getChanged());
      assertFalse(agent().addSlots(add).getChanged(), "second AddSlots is a no-op");
    }
    List<NodeState> states = TestNodes.await("cluster_state ok on 3 nodes", 30, () -> {
      List<NodeState> s = agent().observeNodes(ObserveNodesRequest.getDefaultInstance()).getNodesList();
      return s.size() == 3 && s.stream().allMatch(n -> n.getCluster().getState().equals("ok")
          && n.getCluster().getKnownNodes() == 3) ? s : null;
    });
    for (NodeState s : states) {
      assertTrue(s.getClusterEnabled() && s.getClusterConfigPresent());
      assertEquals(3, s.getCluster().getSize());
    }
    assertFalse(agent().setConfigEpoch(epoch(ports[0], 9)).getChanged(), "epoch set once");
    StatusRuntimeException taken = assertThrows(StatusRuntimeException.class, () -> agent().addSlots(
        AddSlotsRequest.newBuilder().setPort(ports[0]).addRanges(SlotRange.newBuilder().setStart(6000).setEnd(6001))
            .build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, taken.getStatus().getCode());
  }

  @Test
  void replicaOfLinksAReplica() throws Exception {
    int[] ports = TestNodes.freePorts(2);
    for (int p : ports) {
      apply(NodeSpec.newBuilder().setPort(p).addDirectives(d("repl-diskless-sync-delay", "0")).build(), false);
    }
    try (Jedis j = TestNodes.jedis(ports[0])) {
      j.set("k", "v");
    }
    ReplicaOfRequest link = ReplicaOfRequest.newBuilder().setPort(ports[1])
        .setMaster(Endpoint.newBuilder().setHost("127.0.0.1").setPort(ports[0])).build();
    assertTrue(agent().replicaOf(link).getChanged());
    assertFalse(agent().replicaOf(link).getChanged(), "already replicating");
    NodeState replica = TestNodes.await("replica link up", 20, () -> {
      NodeState s = observe(ports[1]);
      return s.getMasterLinkStatus().equals("up") && s.getKeys() == 1 ? s : null;
    });
    assertEquals("replica", replica.getRole());
    assertEquals(ports[0], replica.getMaster().getPort());
    assertTrue(agent().replicaOf(ReplicaOfRequest.newBuilder().setPort(ports[1]).build()).getChanged());
    assertEquals("master", observe(ports[1]).getRole());
  }

  /**
   * The handover without FAILOVER, the master's part: the fence refuses writes (NOREPLICAS) and is
   * observed; a replica that cannot acknowledge in time (DEBUG SLEEP) makes the call fail with the
   * fence lifted; one that does leaves the fence up until REPLICAOF re-points the old master.
   */
  @Test
  void writeFenceRefusesWritesUntilLiftedOrRepointed() throws Exception {
    int[] ports = TestNodes.freePorts(2);
    for (int p : ports) {
      apply(NodeSpec.newBuilder().setPort(p).addDirectives(d("repl-diskless-sync-delay", "0")).build(), false);
    }
    agent().replicaOf(ReplicaOfRequest.newBuilder().setPort(ports[1])
        .setMaster(Endpoint.newBuilder().setHost("127.0.0.1").setPort(ports[0])).build());
    TestNodes.await("replica link up", 20, () -> observe(ports[1]).getMasterLinkStatus().equals("up") ? true : null);
    awaitOnline(ports[0]); // the replica says up a moment before its master lists it online
    try (Jedis m = TestNodes.jedis(ports[0])) {
      m.set("before", "x");
    }
    Endpoint replica = Endpoint.newBuilder().setHost("127.0.0.1").setPort(ports[1]).build();
    FenceWritesRequest fence = FenceWritesRequest.newBuilder().setPort(ports[0]).setReplica(replica)
        .setTimeoutMs(1000).build();

    long replicaPid = observe(ports[1]).getPid();
    signal("STOP", replicaPid); // the replica this test started: it cannot acknowledge while stopped
    StatusRuntimeException late;
    try {
      try (Jedis m = TestNodes.jedis(ports[0])) {
        m.set("moves-the-offset", "x");
      }
      late = assertThrows(StatusRuntimeException.class, () -> agent().fenceWrites(fence));
      assertFalse(observe(ports[0]).getWritesFenced(), "lifted when the wait failed");
      // a controller that gives up (killed, or its deadline passed) cancels the call: the agent lifts the fence
      StatusRuntimeException gaveUp = assertThrows(StatusRuntimeException.class, () -> AgentGrpc.newBlockingStub(channel)
          .withDeadlineAfter(500, TimeUnit.MILLISECONDS).fenceWrites(fence.toBuilder().setTimeoutMs(20_000).build()));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, gaveUp.getStatus().getCode(), gaveUp.getStatus().toString());
      TestNodes.await("fence lifted after the cancelled call", 5, () -> observe(ports[0]).getWritesFenced() ? null : true);
    } finally {
      signal("CONT", replicaPid);
    }
    assertTrue(late.getStatus().getDescription().contains("fence lifted"), late.getStatus().getDescription());
    assertFalse(observe(ports[0]).getWritesFenced());
    try (Jedis m = TestNodes.jedis(ports[0])) {
      assertEquals("OK", m.set("after-timeout", "x"), "the master goes on");
    }

    TestNodes.await("replica caught up", 20, () -> observe(ports[1]).getKeys() == 3 ? true : null);
    assertTrue(agent().fenceWrites(fence).getChanged());
    assertTrue(observe(ports[0]).getWritesFenced());
    assertFalse(agent().fenceWrites(fence).getChanged(), "already fenced: only the wait again");
    try (Jedis m = TestNodes.jedis(ports[0])) {
      redis.clients.jedis.exceptions.JedisDataException refused =
          assertThrows(redis.clients.jedis.exceptions.JedisDataException.class, () -> m.set("during", "x"));
      assertTrue(refused.getMessage().startsWith("NOREPLICAS"), refused.getMessage());
    }
    assertTrue(agent().replicaOf(ReplicaOfRequest.newBuilder().setPort(ports[1]).build()).getChanged());
    ClusterOpResponse repoint = agent().replicaOf(ReplicaOfRequest.newBuilder().setPort(ports[0]).setMaster(replica).build());
    assertTrue(repoint.getDetail().contains("write fence lifted"), repoint.getDetail());
    try (Jedis old = TestNodes.jedis(ports[0])) {
      assertEquals("0", old.configGet("min-replicas-to-write").get("min-replicas-to-write"));
    }
    assertFalse(agent().fenceWrites(FenceWritesRequest.newBuilder().setPort(ports[0]).setLift(true).build())
        .getChanged(), "nothing left to lift");
  }

  /** The installed server's facts are kept on disk, so an agent started afresh reads them back (issue #12). */
  @Test
  void hostFactsOfTheInstalledServerAreKeptForTheNextAgent() throws Exception {
    io.redisfleet.agent.v1.HostFacts facts = agent().getHostFacts(io.redisfleet.agent.v1.GetHostFactsRequest
        .getDefaultInstance());
    assertTrue(facts.getServerDirectivesCount() > 100, "CONFIG GET * of the installed server");
    var kept = new io.redisfleet.agent.server.ServerFactsFile(state.resolve("data/server-facts"))
        .read(Path.of(facts.getRedisServerPath())).orElseThrow();
    assertEquals(facts.getRedisVersion(), kept.version().version());
    assertEquals(facts.getServerDirectivesList(), kept.directives());
  }

  @Test
  void removeRefusesKeysWithoutForceThenRemovesEverything() throws Exception {
    int port = TestNodes.freePort();
    long pid = apply(NodeSpec.newBuilder().setPort(port).build(), false).getPid();
    try (Jedis j = TestNodes.jedis(port)) {
      j.set("keep", "me");
    }
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> agent().removeNode(RemoveNodeRequest.newBuilder().setPort(port).build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("1 keys") && e.getStatus().getDescription().contains("--force"));
    assertTrue(TestNodes.isRedisServer(pid), "still running after refusal");

    assertTrue(agent().removeNode(RemoveNodeRequest.newBuilder().setPort(port).setForce(true).build()).getChanged());
    assertFalse(TestNodes.isRedisServer(pid), "process gone");
    assertTrue(TestNodes.portFree(port), "port free");
    assertFalse(Files.exists(state.resolve("nodes/" + port + ".conf")));
    assertFalse(Files.exists(state.resolve("data/" + port)));
    assertFalse(agent().removeNode(RemoveNodeRequest.newBuilder().setPort(port).build()).getChanged());
  }

  /** Until the master lists its replica as online (the fence is refused before: nothing to wait for). */
  private static void awaitOnline(int master) throws Exception {
    TestNodes.await("replica online at its master", 20, () -> {
      try (Jedis m = TestNodes.jedis(master)) {
        return m.info("replication").contains("state=online") ? true : null;
      }
    });
  }

  private static void signal(String name, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor());
  }

  private NodeState observe(int port) {
    return agent().observeNodes(ObserveNodesRequest.newBuilder().addPorts(port).build()).getNodes(0);
  }

  private static SetConfigEpochRequest epoch(int port, long epoch) {
    return SetConfigEpochRequest.newBuilder().setPort(port).setEpoch(epoch).build();
  }

  private static ClusterMeetRequest meet(int port, int target) {
    return ClusterMeetRequest.newBuilder().setPort(port)
        .setTarget(Endpoint.newBuilder().setHost("127.0.0.1").setPort(target)).build();
  }

  private static Directive d(String name, String... args) {
    return Directive.newBuilder().setName(name).addAllArgs(List.of(args)).build();
  }
}
