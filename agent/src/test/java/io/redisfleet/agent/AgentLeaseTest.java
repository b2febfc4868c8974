package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.redisfleet.agent.v1.AcquireLeaseRequest;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.RemoveNodeRequest;
import io.redisfleet.agent.v1.RunContext;
import io.redisfleet.agent.v1.SetConfigEpochRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC edge refuses mutating calls from a run that does not hold the lease; reads go through. */
class AgentLeaseTest {

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

  private static RunContext run(String id) {
    return RunContext.newBuilder().setRunId(id).setStep("test").build();
  }

  @Test
  void otherRunIsRefusedWithHolderButMayStillRead() {
    agent.acquireLease(AcquireLeaseRequest.newBuilder().setRun(run("holder-run")).setHolder("alice@ops")
        .setTtlMs(60_000).build());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> agent.setConfigEpoch(
        SetConfigEpochRequest.newBuilder().setRun(run("other-run")).setPort(30001).setEpoch(1).build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("locked by alice@ops (run holder-run) until"),
        e.getStatus().getDescription());
    assertThrows(StatusRuntimeException.class, () -> agent.removeNode(
        RemoveNodeRequest.newBuilder().setRun(run("other-run")).setPort(30001).build()));
    // a dry run changes nothing, so it is allowed (plan works while another run applies)
    assertTrue(agent.applyNode(ApplyNodeRequest.newBuilder().setRun(run("other-run")).setDryRun(true)
        .setSpec(NodeSpec.newBuilder().setPort(30001)).build()).getChanged());
    StatusRuntimeException apply = assertThrows(StatusRuntimeException.class, () -> agent.applyNode(
        ApplyNodeRequest.newBuilder().setRun(run("other-run")).setSpec(NodeSpec.newBuilder().setPort(30001)).build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, apply.getStatus().getCode());
  }

  @Test
  void secondAcquireIsFailedPrecondition() {
    agent.acquireLease(AcquireLeaseRequest.newBuilder().setRun(run("a")).setHolder("alice").setTtlMs(60_000).build());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> agent.acquireLease(
        AcquireLeaseRequest.newBuilder().setRun(run("b")).setHolder("bob").setTtlMs(60_000).build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
  }

  @Test
  void takeOverOnlyFromTheHoldersOwnMachineAndOnlyOfTheRunItNames() {
    agent.acquireLease(AcquireLeaseRequest.newBuilder().setRun(run("dead")).setHolder("ctl pid 7")
        .setHolderHostId("box/boot-1").setHolderPid(7).setTtlMs(60_000).build());
    AcquireLeaseRequest.Builder other = AcquireLeaseRequest.newBuilder().setRun(run("new")).setHolder("ctl pid 8")
        .setHolderPid(8).setTtlMs(60_000);
    assertThrows(StatusRuntimeException.class, () -> agent.acquireLease(
        other.clone().setHolderHostId("elsewhere/boot-9").setTakeOverRunId("dead").build()));
    assertThrows(StatusRuntimeException.class, () -> agent.acquireLease(
        other.clone().setHolderHostId("box/boot-1").setTakeOverRunId("some-other-run").build()));
    var taken = agent.acquireLease(other.clone().setHolderHostId("box/boot-1").setTakeOverRunId("dead").build());
    assertEquals("new", taken.getLease().getRunId());
    assertEquals(8, taken.getLease().getHolderPid());
    assertEquals("dead", taken.getBroken().getRunId());
  }
}
