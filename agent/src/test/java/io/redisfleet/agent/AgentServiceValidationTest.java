package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.redisfleet.agent.v1.AddSlotsRequest;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ClusterReplicateRequest;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.FailoverRequest;
import io.redisfleet.agent.v1.GetHostFactsRequest;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.agent.v1.ProbeEndpointsRequest;
import io.redisfleet.agent.v1.ProbeEndpointsResponse;
import io.redisfleet.agent.v1.ProbeNode;
import io.redisfleet.agent.v1.SlotRange;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests are refused with INVALID_ARGUMENT before anything is touched; the agent keeps serving. */
class AgentServiceValidationTest {

  @TempDir Path state;
  private AgentServer server;
  private ManagedChannel channel;
  private AgentGrpc.AgentBlockingStub agent;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = AgentServer.start(InProcessServerBuilder.forName(name).directExecutor(),
        AgentConfig.underStateDir(state, "127.0.0.1", AgentConfig.Backend.PROCESS));
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    agent = AgentGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.close();
  }

  @Test
  void badPortIsInvalidArgument() {
    assertInvalid("55536", () -> agent.applyNode(apply(NodeSpec.newBuilder().setPort(55536).build())));
    assertInvalid("0", () -> agent.observeNodes(ObserveNodesRequest.newBuilder().addPorts(0).build()));
    assertInvalid("70000", () -> agent.failover(FailoverRequest.newBuilder().setPort(70000).build()));
  }

  @Test
  void privilegedPortsAreNeitherAppliedNorProbed() {
    assertInvalid("port 22 out of range 1024..55535", () -> agent.applyNode(ApplyNodeRequest.newBuilder()
        .setSpec(NodeSpec.newBuilder().setPort(22).build()).setDryRun(true).build()));
    assertInvalid("port 22 out of range", () -> agent.observeNodes(ObserveNodesRequest.newBuilder().addPorts(22).build()));
    assertInvalid("port 22 at 127.0.0.1 is neither", () -> probe(List.of(endpoint("127.0.0.1", 22)), List.of()));
    // even declared as a node, a privileged port is never connected to
    var probe = probe(List.of(endpoint("127.0.0.1", 22)), List.of(node("127.0.0.1", 22, 0))).getProbes(0);
    assertEquals("error", probe.getResult());
    assertEquals("port 22 out of range 1024..65535", probe.getDetail());
  }

  @Test
  void probesOnlyThePortsAndBusPortsOfDeclaredNodesAndItsOwn() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = listening.getLocalPort();
      ProbeNode declared = node("127.0.0.1", port, 0);
      assertEquals("open", probe(List.of(endpoint("127.0.0.1", port)), List.of(declared)).getProbes(0).getResult());
      assertInvalid("port " + port + " at 127.0.0.1 is neither the port nor the bus port of a node declared",
          () -> probe(List.of(endpoint("127.0.0.1", port)), List.of()));
      assertInvalid("port " + port + " at 127.0.0.2",
          () -> probe(List.of(endpoint("127.0.0.2", port)), List.of(declared)));
    }
    // bus port: port + 10000, or the declared cluster-port instead
    assertEquals(2, probe(List.of(endpoint("127.0.0.1", 7000), endpoint("127.0.0.1", 17000)),
        List.of(node("127.0.0.1", 7000, 0))).getProbesCount());
    assertInvalid("port 7001 at 127.0.0.1", () -> probe(List.of(endpoint("127.0.0.1", 7001)),
        List.of(node("127.0.0.1", 7000, 0))));
    assertEquals(1, probe(List.of(endpoint("127.0.0.1", 7100)), List.of(node("127.0.0.1", 7000, 7100))).getProbesCount());
    assertInvalid("port 17000 at 127.0.0.1", () -> probe(List.of(endpoint("127.0.0.1", 17000)),
        List.of(node("127.0.0.1", 7000, 7100))));
    // the agent's own nodes (a conf in its conf dir) need no declaration
    assertInvalid("port 7200", () -> probe(List.of(endpoint("127.0.0.1", 7200)), List.of()));
    Files.createDirectories(state.resolve("nodes"));
    Files.writeString(state.resolve("nodes/7200.conf"), "port 7200\n");
    assertEquals(2, probe(List.of(endpoint("127.0.0.1", 7200), endpoint("127.0.0.1", 17200)), List.of())
        .getProbesCount());
  }

  private ProbeEndpointsResponse probe(List<Endpoint> endpoints, List<ProbeNode> declared) {
    return agent.probeEndpoints(ProbeEndpointsRequest.newBuilder().addAllEndpoints(endpoints)
        .addAllDeclaredNodes(declared).setTimeoutMs(200).build());
  }

  private static Endpoint endpoint(String host, int port) {
    return Endpoint.newBuilder().setHost(host).setPort(port).build();
  }

  private static ProbeNode node(String host, int port, int clusterPort) {
    return ProbeNode.newBuilder().setNode(endpoint(host, port)).setClusterPort(clusterPort).build();
  }

  @Test
  void fixSysctlChangesNothingAndSaysWhereTheSettingsShip() {
    var r = agent.fixSysctl(io.redisfleet.agent.v1.FixSysctlRequest.newBuilder().setTcpBacklog(1024).build());
    assertFalse(r.getChanged());
    assertEquals(0, r.getAppliedCount());
    assertEquals("/usr/lib/sysctl.d/60-redis-fleet.conf", r.getFile());
    assertTrue(r.getNotSupported().startsWith("not supported under the hardened agent unit"), r.getNotSupported());
    assertTrue(r.getNotSupported().contains("/usr/lib/tmpfiles.d/redis-fleet-thp.conf"), r.getNotSupported());
  }

  @Test
  void injectedNewlineInDirectiveArgIsInvalidArgument() {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000).addDirectives(
        Directive.newBuilder().setName("maxmemory").addArgs("1mb\nloadmodule /tmp/evil.so")).build();
    assertInvalid("newline", () -> agent.applyNode(apply(spec)));
  }

  @Test
  void ownedDirectiveIsInvalidArgument() {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000).addDirectives(
        Directive.newBuilder().setName("dir").addArgs("/etc")).build();
    assertInvalid("dir", () -> agent.applyNode(apply(spec)));
  }

  @Test
  void badClusterArgumentsAreInvalidArgument() {
    assertInvalid("master_id", () -> agent.clusterReplicate(
        ClusterReplicateRequest.newBuilder().setPort(7000).setMasterId("not-an-id").build()));
    assertInvalid("16384", () -> agent.addSlots(AddSlotsRequest.newBuilder().setPort(7000)
        .addRanges(SlotRange.newBuilder().setStart(0).setEnd(16384)).build()));
    assertInvalid("mode", () -> agent.failover(FailoverRequest.newBuilder().setPort(7000).setMode("NOW").build()));
  }

  @Test
  void agentStillServesAfterRefusalsAndWroteNothing() {
    assertInvalid("dir", () -> agent.applyNode(apply(NodeSpec.newBuilder().setPort(7000)
        .addDirectives(Directive.newBuilder().setName("dir").addArgs("/")).build())));
    HostFacts facts = agent.getHostFacts(GetHostFactsRequest.getDefaultInstance());
    assertEquals("process", facts.getServiceBackend());
    assertEquals(0, facts.getManagedPortsCount());
    assertEquals(state.toAbsolutePath().normalize().toString(), facts.getStateDir());
    assertFalse(Files.exists(state.resolve("nodes/7000.conf")));
    assertEquals(0, agent.observeNodes(ObserveNodesRequest.getDefaultInstance()).getNodesCount());
    HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(AgentGrpc.SERVICE_NAME).build());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
  }

  private static ApplyNodeRequest apply(NodeSpec spec) {
    return ApplyNodeRequest.newBuilder().setSpec(spec).build();
  }

  private static void assertInvalid(String mentioned, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(e.getStatus().getDescription().contains(mentioned), e.getStatus().getDescription());
  }
}
