package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.redisfleet.controller.agentclient.BackOff;
import io.redisfleet.controller.agentclient.GrpcAgentClient;
import io.redisfleet.controller.lock.HolderProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet lock over real agents: a held lease keeps apply out, an abandoned one expires, an
 * operator can break it, and of two applies started together exactly one changes anything.
 */
class LockIT {

  @TempDir
  Path dir;

  private Agents agents;
  private List<Integer> ports;
  private String file;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private int agentA;
  private int agentB;

  @BeforeEach
  void start() throws Exception {
    agents = new Agents(dir);
    ports = FreePorts.pick(2);
    agentA = agents.start("a", "127.0.0.1");
    agentB = agents.start("b", "127.0.0.2");
    Path inventory = dir.resolve("fleet.conf");
    Files.writeString(inventory, String.join("\n",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agentA + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agentB + " }",
        "}",
        "replication.pair { master = \"a:" + ports.get(0) + "\", replicas = [ \"b:" + ports.get(1) + "\" ] }", ""));
    file = inventory.toString();
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    agents.close();
  }

  /** Another controller, as the agents see it: a client with its own run id. */
  private GrpcAgentClient otherController(String address, int port, String runId) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(address, port).usePlaintext().build();
    channels.add(channel);
    return new GrpcAgentClient("other", channel, Duration.ofSeconds(10), BackOff.NONE, runId);
  }

  private boolean nothingRuns() {
    return FreePorts.free(ports.get(0)) && FreePorts.free(ports.get(1));
  }

  @Test
  void heldLeaseKeepsApplyOutAndNamesTheHolder() throws Exception {
    otherController("127.0.0.2", agentB, "other-run").acquireLease("alice@ops-box pid 42", Duration.ofMinutes(5), false);
    Cli apply = Cli.run("apply", file, "--json");
    assertEquals(1, apply.exit(), apply.toString());
    JsonObject json = JsonParser.parseString(apply.out()).getAsJsonObject();
    assertTrue(json.get("locked").getAsBoolean());
    assertTrue(json.get("error").getAsString().contains("locked by alice@ops-box pid 42 (run other-run) until"),
        apply.out());
    assertTrue(nothingRuns(), "a locked apply changed nothing");
    // a's lease (the gate, taken before b refused in parallel) was given back: a third run takes it
    otherController("127.0.0.1", agentA, "third-run").acquireLease("carol@ops-box pid 7", Duration.ofSeconds(30), false);
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), "read-only commands do not take the lock: " + plan);
  }

  @Test
  void leaseOfAKilledControllerExpires() throws Exception {
    // a controller that took the lease and died: nobody renews it (that a held lease refuses an
    // apply is heldLeaseKeepsApplyOutAndNamesTheHolder; a short lease would make this test race it)
    GrpcAgentClient dead = otherController("127.0.0.1", agentA, "dead-run");
    dead.acquireLease("crashed", Duration.ofMillis(300), false);
    GrpcAgentClient observer = otherController("127.0.0.1", agentA, "observer-run");
    for (int i = 0; i < 200 && observer.releaseLease().lease().isPresent(); i++) {
      Thread.sleep(50); // ReleaseLease of a lease another run holds only reports it
    }
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
  }

  /** A lease taken by a controller process of this machine that has since exited (its pid is gone). */
  private io.redisfleet.controller.model.Lease leaseOfAGoneProcess(String hostId) throws Exception {
    Process p = new ProcessBuilder("sleep", "60").start();
    long started = p.info().startInstant().orElseThrow().toEpochMilli();
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    return new HolderProcess(hostId, p.pid(), started).claim("killed@here pid " + p.pid());
  }

  @Test
  void sameMachineTakesOverTheLeaseOfAGoneControllerAndSaysSo() throws Exception {
    io.redisfleet.controller.model.Lease dead = leaseOfAGoneProcess(HolderProcess.current().hostId());
    otherController("127.0.0.1", agentA, "killed-run").acquireLease(dead, Duration.ofMinutes(5), false, "");
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(apply.err().contains("took over the fleet lease of " + dead.holder() + " (run killed-run) on host a:"
        + " its controller process " + dead.holderPid() + " on this machine is gone"), apply.toString());
  }

  @Test
  void aGoneHolderOfAnotherMachineStillHoldsUntilItsLeaseExpires() throws Exception {
    io.redisfleet.controller.model.Lease elsewhere = leaseOfAGoneProcess("ops-box/another-boot");
    otherController("127.0.0.1", agentA, "remote-run").acquireLease(elsewhere, Duration.ofMinutes(5), false, "");
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(1, apply.exit(), apply.toString());
    assertTrue(apply.err().contains("locked by " + elsewhere.holder() + " (run remote-run)"), apply.toString());
    assertTrue(nothingRuns(), "a locked apply changed nothing");
  }

  @Test
  void aLiveHolderOnThisMachineKeepsItsLease() throws Exception {
    otherController("127.0.0.1", agentA, "live-run")
        .acquireLease(HolderProcess.current().claim("me@here"), Duration.ofMinutes(5), false, "");
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(1, apply.exit(), apply.toString());
    assertTrue(apply.err().contains("locked by me@here (run live-run)"), apply.toString());
  }

  @Test
  void breakLockTakesItWithAWarning() throws Exception {
    otherController("127.0.0.1", agentA, "stuck-run").acquireLease("bob", Duration.ofMinutes(5), false);
    Cli apply = Cli.run("apply", file, "--break-lock", "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(apply.err().contains("WARNING: --break-lock: broke the lease of bob (run stuck-run"), apply.toString());
  }

  @Test
  void twoConcurrentAppliesExactlyOneChangesAnything() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Cli>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          go.await();
          return Cli.run("apply", file, "--json", "--skip-preflight");
        }));
      }
      go.countDown();
      List<Cli> results = new ArrayList<>();
      for (Future<Cli> f : runs) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      int changers = 0;
      for (Cli r : results) {
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        if (json.has("locked")) {
          assertEquals(1, r.exit(), r.toString());
        } else {
          assertEquals(0, r.exit(), r.toString());
          changers += json.get("changed").getAsInt() > 0 ? 1 : 0;
        }
      }
      assertEquals(1, changers, results.toString());
    } finally {
      pool.shutdownNow();
    }
  }
}
