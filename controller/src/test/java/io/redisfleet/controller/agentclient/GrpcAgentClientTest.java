package io.redisfleet.controller.agentclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.GetHostFactsRequest;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.agent.v1.ObserveNodesResponse;
import io.redisfleet.agent.v1.RemoveNodeRequest;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import java.util.List;
import java.util.Optional;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deadlines and bounded retries against an in-process agent that fails on purpose. */
class GrpcAgentClientTest {

  private static final BackOff FAST = new BackOff(4, Duration.ofMillis(5), 2.0, Duration.ofMillis(20));

  private final AtomicInteger calls = new AtomicInteger();
  private volatile int failFirst;
  private volatile Status failWith = Status.UNAVAILABLE;
  private volatile long sleepMs;
  private final AtomicInteger observeCalls = new AtomicInteger();
  private final java.util.List<String> dryRuns = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean olderAgent;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(new AgentGrpc.AgentImplBase() {
      @Override
      public void getHostFacts(GetHostFactsRequest req, StreamObserver<HostFacts> out) {
        int n = calls.incrementAndGet();
        if (n <= failFirst) {
          out.onError(failWith.withDescription("attempt " + n).asRuntimeException());
          return;
        }
        sleep(sleepMs);
        out.onNext(HostFacts.newBuilder().setHostname("h-" + req.getRun().getRunId()).build());
        out.onCompleted();
      }

      @Override
      public void observeNodes(ObserveNodesRequest req, StreamObserver<ObserveNodesResponse> out) {
        observeCalls.incrementAndGet();
        ObserveNodesResponse.Builder r = ObserveNodesResponse.newBuilder();
        java.util.List<Integer> ports = new java.util.ArrayList<>(req.getPortsList());
        if (req.getWithFacts() && !olderAgent) {
          r.setFacts(HostFacts.newBuilder().setHostname("h1").addManagedPorts(30009));
          ports.add(30009);
        }
        for (int port : ports) {
          NodeState.Builder state = NodeState.newBuilder().setPort(port).setManaged(true);
          req.getPreviewsList().stream().filter(s -> s.getPort() == port && !olderAgent).findFirst().ifPresent(
              spec -> state.setPreview(ApplyNodeResponse.newBuilder().setPort(port).setChanged(true)
                  .setDetail("dry run beside the observation")));
          r.addNodes(state);
        }
        out.onNext(r.build());
        out.onCompleted();
      }

      @Override
      public void applyNode(ApplyNodeRequest req, StreamObserver<ApplyNodeResponse> out) {
        dryRuns.add(req.getSpec().getPort() + (req.getDryRun() ? " dry" : " apply"));
        out.onNext(ApplyNodeResponse.newBuilder().setPort(req.getSpec().getPort()).setChanged(true)
            .setDetail("dry run alone").build());
        out.onCompleted();
      }

      @Override
      public void removeNode(RemoveNodeRequest req, StreamObserver<RemoveNodeResponse> out) {
        calls.incrementAndGet();
        out.onNext(RemoveNodeResponse.newBuilder().setDetail(req.getRun().getStep()).build());
        out.onCompleted();
      }
    }).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private GrpcAgentClient client(Duration deadline) {
    return new GrpcAgentClient("h1", channel, deadline, FAST, "run1");
  }

  @Test
  void unavailableIsRetriedUntilItAnswers() throws Exception {
    failFirst = 3;
    assertEquals("h-run1", client(Duration.ofSeconds(5)).facts().hostname());
    assertEquals(4, calls.get());
  }

  @Test
  void retriesAreBounded() {
    failFirst = 100;
    AgentCallException e = assertThrows(AgentCallException.class, () -> client(Duration.ofSeconds(5)).facts());
    assertEquals(4, calls.get());
    assertTrue(e.retryable());
    assertEquals("host h1: get-host-facts: UNAVAILABLE: attempt 4 (UNAVAILABLE, after 4 attempts)", e.getMessage());
  }

  @Test
  void refusalsAreNotRetried() {
    failFirst = 100;
    failWith = Status.FAILED_PRECONDITION;
    AgentCallException e = assertThrows(AgentCallException.class, () -> client(Duration.ofSeconds(5)).facts());
    assertEquals(1, calls.get());
    assertFalse(e.retryable());
  }

  @Test
  void slowAgentHitsTheDeadlineAndIsRetried() {
    sleepMs = 300;
    AgentCallException e = assertThrows(AgentCallException.class, () -> client(Duration.ofMillis(50)).facts());
    assertTrue(e.getMessage().contains("DEADLINE_EXCEEDED"), e.getMessage());
    assertTrue(e.getMessage().contains("no answer within 50ms"), e.getMessage());
    assertEquals(4, calls.get());
  }

  /** Over real TCP: nothing listens on the port; the message names host, address:port and the cause. */
  @Test
  void refusedConnectionNamesAddressAndCause() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AgentCallException e = overTcp(port, Duration.ofSeconds(5));
    assertTrue(e.unreachable());
    assertTrue(e.getMessage().startsWith("host h1 (agent 127.0.0.1:" + port + "): get-host-facts: connection refused"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(UNAVAILABLE, after 4 attempts)"), e.getMessage());
  }

  /** Over real TCP: a port that accepts and never speaks HTTP/2 is a timeout, said as one. */
  @Test
  void silentPeerIsATimeoutNamingTheDeadline() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      AgentCallException e = overTcp(silent.getLocalPort(), Duration.ofMillis(200));
      assertTrue(e.unreachable());
      assertTrue(e.getMessage().startsWith("host h1 (agent 127.0.0.1:" + silent.getLocalPort()
          + "): get-host-facts: no answer within 200ms"), e.getMessage());
    }
  }

  private static AgentCallException overTcp(int port, Duration deadline) throws InterruptedException {
    ManagedChannel tcp = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext().build();
    try {
      GrpcAgentClient client = new GrpcAgentClient("h1", "127.0.0.1:" + port, tcp, deadline, FAST, "run1");
      return assertThrows(AgentCallException.class, client::facts);
    } finally {
      tcp.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** One round: the agent answers each declared node's dry run with its observation. */
  @Test
  void observationAndDryRunsAreOneCall() throws Exception {
    var reports = client(Duration.ofSeconds(5)).observe(List.of(30001, 30002), List.of(preview(30001)));
    assertEquals(1, observeCalls.get());
    assertEquals(List.of(), dryRuns, "no dry run asked alone");
    assertEquals("dry run beside the observation", reports.get(0).node().drift().detail());
    assertFalse(reports.get(1).node().drift().changed(), "no spec given for 30002: no drift");
  }

  /** An agent from before previews ignores them: the adapter asks its dry runs one by one, as before. */
  @Test
  void anOlderAgentsDryRunsAreAskedAlone() throws Exception {
    olderAgent = true;
    var reports = client(Duration.ofSeconds(5)).observe(List.of(30001, 30002), List.of(preview(30001), preview(30002)));
    assertEquals(List.of("30001 dry", "30002 dry"), dryRuns);
    assertEquals("dry run alone", reports.get(0).node().drift().detail());
    assertEquals("dry run alone", reports.get(1).node().drift().detail());
  }

  /** A host's facts and its managed nodes come with the observation; an older agent is asked apart. */
  @Test
  void aHostsFactsComeWithItsObservation() throws Exception {
    var host = client(Duration.ofSeconds(5)).observeHost(List.of(30001), List.of(preview(30001)));
    assertEquals(0, calls.get(), "no GetHostFacts");
    assertEquals(1, observeCalls.get());
    assertEquals(List.of(30009), host.facts().managedPorts());
    assertEquals(List.of(30001, 30009), host.nodes().stream().map(n -> n.node().ref().port()).toList());
    assertEquals("dry run beside the observation", host.nodes().get(0).node().drift().detail());

    olderAgent = true;
    failFirst = 0;
    var older = client(Duration.ofSeconds(5)).observeHost(List.of(30001), List.of(preview(30001)));
    assertEquals(1, calls.get(), "GetHostFacts asked apart");
    assertEquals("h-run1", older.facts().hostname());
    assertEquals(List.of(30001), older.nodes().stream().map(n -> n.node().ref().port()).toList());
    assertEquals("dry run alone", older.nodes().get(0).node().drift().detail());
  }

  private static AgentClient.Preview preview(int port) {
    return new AgentClient.Preview(new DesiredNode(new NodeRef("h1", port), new Membership.GroupMaster("g" + port),
        List.of()), Optional.empty());
  }

  @Test
  void stepNameTravelsInTheRunContext() throws Exception {
    assertEquals("remove-node", client(Duration.ofSeconds(5)).forStep("remove-node").remove(30001, false).detail());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
