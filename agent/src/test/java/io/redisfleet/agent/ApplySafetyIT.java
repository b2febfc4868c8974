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
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ChangeReason;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.RedisAuth;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * ApplyNode when things go wrong, on real redis-server processes over real gRPC: a conf that
 * cannot be written changes nothing live, a half-applied change (auth included) is finished by
 * the next apply, a running value that differs from the conf is drift, and a restart onto a conf
 * redis-server refuses brings the node back on its previous conf.
 */
class ApplySafetyIT {

  private static final String PW = "s4fety-" + Long.toHexString(System.nanoTime());

  @TempDir Path state;
  private AgentServer server;
  private ManagedChannel channel;
  private final TestNodes nodes = new TestNodes();
  private int port;

  @BeforeEach
  void start() throws Exception {
    server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        AgentConfig.underStateDir(state, "127.0.0.1", AgentConfig.Backend.PROCESS));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    port = TestNodes.freePort();
  }

  @AfterEach
  void stop() {
    nodes.killAll(state);
    channel.shutdownNow();
    server.close();
  }

  private ApplyNodeResponse apply(NodeSpec spec, boolean dryRun) {
    ApplyNodeResponse r = AgentGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
        .applyNode(ApplyNodeRequest.newBuilder().setSpec(spec).setDryRun(dryRun).build());
    nodes.remember(r.getPid());
    return r;
  }

  private NodeSpec.Builder spec(String maxmemory) {
    return NodeSpec.newBuilder().setPort(port).addDirectives(d("maxmemory", maxmemory));
  }

  private NodeSpec withAuth(NodeSpec.Builder spec) {
    return spec.setAuth(RedisAuth.newBuilder().setPassword(PW)).build();
  }

  private static Directive d(String name, String... args) {
    return Directive.newBuilder().setName(name).addAllArgs(List.of(args)).build();
  }

  private Jedis anonymous() {
    return TestNodes.jedis(port);
  }

  private Jedis withPassword() {
    Jedis j = TestNodes.jedis(port);
    j.auth(PW);
    return j;
  }

  private Path conf() {
    return state.resolve("nodes/" + port + ".conf");
  }

  @Test
  void aConfThatCannotBeWrittenChangesNothingLiveAndNamesNodeFileAndStep() throws Exception {
    apply(spec("100mb").build(), false);
    String before = Files.readString(conf());
    try (ImmutableDir readOnly = ImmutableDir.of(conf().getParent())) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> apply(withAuth(spec("200mb")), false));
      String msg = e.getStatus().getDescription();
      assertTrue(msg.contains("node " + port) && msg.contains("persist before") && msg.contains(conf().toString())
          && msg.contains("nothing was changed"), msg);
      assertFalse(msg.contains(PW), "no secret in a message");
    }
    assertEquals(before, Files.readString(conf()));
    try (Jedis j = anonymous()) {
      assertEquals("PONG", j.ping(), "no requirepass was set live");
      assertEquals("104857600", j.configGet("maxmemory").get("maxmemory"));
    }
    ApplyNodeResponse again = apply(withAuth(spec("200mb")), false);
    assertEquals(List.of(ChangeReason.CONF_CHANGED_LIVE), again.getReasonsList());
    try (Jedis j = withPassword()) {
      assertEquals("209715200", j.configGet("maxmemory").get("maxmemory"));
    }
    assertFalse(Files.exists(state.resolve("nodes/" + port + ".conf.prev")), "the change is complete");
  }

  @Test
  void authSetLiveButNotInTheConfIsFinishedByTheNextApplyAndCanBeRemoved() throws Exception {
    apply(spec("100mb").build(), false);
    try (Jedis j = anonymous()) {
      j.configSet("requirepass", PW); // what a live change whose conf write failed used to leave behind
    }
    ApplyNodeResponse finished = apply(withAuth(spec("100mb")), false);
    assertTrue(finished.getChanged(), finished.toString());
    assertTrue(Files.readString(conf()).contains("requirepass"));
    assertFalse(apply(withAuth(spec("100mb")), false).getChanged(), "converged");
    ApplyNodeResponse removed = apply(spec("100mb").build(), false);
    assertTrue(removed.getChanged(), removed.toString());
    try (Jedis j = anonymous()) {
      assertEquals("PONG", j.ping(), "auth removed");
    }
  }

  @Test
  void authInTheConfButNotLiveIsRunningDriftAndFinished() throws Exception {
    apply(withAuth(spec("100mb")), false);
    try (Jedis j = withPassword()) {
      j.configSet("requirepass", ""); // as if the agent died between writing the conf and CONFIG SET
      j.configSet("masterauth", "");
    }
    ApplyNodeResponse dry = apply(withAuth(spec("100mb")), true);
    assertTrue(dry.getChanged(), dry.toString());
    assertTrue(dry.getRunningDiffersList().containsAll(List.of("requirepass", "masterauth")), dry.toString());
    apply(withAuth(spec("100mb")), false);
    try (Jedis j = anonymous()) {
      assertThrows(JedisDataException.class, j::ping, "the password is required again");
    }
    assertFalse(apply(withAuth(spec("100mb")), false).getChanged());
  }

  @Test
  void aRunningValueOtherThanTheConfIsDriftAndPutBackLive() throws Exception {
    NodeSpec spec = spec("100mb").addDirectives(d("save", "900 1")).addDirectives(d("save", "300 10"))
        .addDirectives(d("appendonly", "yes")).build();
    long pid = apply(spec, false).getPid();
    assertFalse(apply(spec, true).getChanged(), "units and repeated directives compare equal");
    try (Jedis j = anonymous()) {
      j.configSet("maxmemory", "300mb"); // by hand
      j.configSet("save", "60 5");
    }
    ApplyNodeResponse dry = apply(spec, true);
    assertEquals(List.of(ChangeReason.CONF_CHANGED_LIVE), dry.getReasonsList());
    assertEquals(List.of("maxmemory", "save"), dry.getRunningDiffersList());
    assertTrue(dry.getDetail().contains("running value differs: maxmemory save"), dry.getDetail());
    ApplyNodeResponse fixed = apply(spec, false);
    assertEquals(pid, fixed.getPid(), "live, no restart");
    try (Jedis j = anonymous()) {
      assertEquals("104857600", j.configGet("maxmemory").get("maxmemory"));
      assertEquals("900 1 300 10", j.configGet("save").get("save"));
    }
    assertFalse(apply(spec, false).getChanged());
  }

  @Test
  void aRestartOntoAConfRedisRefusesBringsTheNodeBackOnItsPreviousConf() throws Exception {
    long pid = apply(spec("100mb").build(), false).getPid();
    try (Jedis j = anonymous()) {
      j.set("kept", "1");
    }
    String before = Files.readString(conf());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> apply(spec("100mb").addDirectives(d("databases", "abc")).build(), false));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), e.getStatus().toString());
    String msg = e.getStatus().getDescription();
    assertTrue(msg.contains("node " + port + ": restart with the new conf failed") && msg.contains("databases")
        && msg.contains("was put back and the node started again"), msg);
    assertEquals(before, Files.readString(conf()));
    try (Jedis j = anonymous()) {
      assertEquals("PONG", j.ping());
    }
    ApplyNodeResponse now = apply(spec("100mb").build(), false);
    assertFalse(now.getChanged(), now.toString());
    assertNotEquals(pid, now.getPid(), "it was restarted (on its previous conf)");
  }

  @Test
  void aStoppedNodeWhoseNewConfIsRefusedStartsOnItsPreviousConf() throws Exception {
    long pid = apply(spec("100mb").build(), false).getPid();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    TestNodes.await("killed node gone", 10, () -> TestNodes.isRedisServer(pid) ? null : true);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> apply(spec("100mb").addDirectives(d("databases", "0")).build(), false));
    String msg = e.getStatus().getDescription();
    assertTrue(msg.contains("node " + port + ": start with the new conf failed") && msg.contains("databases"), msg);
    try (Jedis j = anonymous()) {
      assertEquals("PONG", j.ping(), "up again on its previous conf");
    }
  }
}
