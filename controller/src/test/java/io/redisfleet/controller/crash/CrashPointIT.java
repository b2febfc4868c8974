package io.redisfleet.controller.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.it.Cli;
import io.redisfleet.controller.it.InstalledServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash-point suite: each multi-step operation is run by a controller in its own JVM that
 * is SIGKILLed after step k, for every k of its plan, and in the middle of slot moves, while a
 * client records every acknowledged write; then at most two applies must converge the fleet
 * with every acknowledged key readable, every slot served and none open, no orphan or ghost
 * node and {@code controller status} healthy. Prints operation x crash point -> outcome.
 * CI size by default (the start and after every step; inside the first and last
 * slot move); {@code -Dcrash.full=true} takes every crash point with 200 000 keys:
 * <pre>
 * mvn -B -ntp -o -pl controller -am verify -Dtest=none -Dit.test=CrashPointIT -Dcrash.full=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dcrash.keys=N} sets the preloaded keys.
 */
class CrashPointIT {

  private static final CrashTable TABLE = new CrashTable();
  private static final CrashSizes SIZES = CrashSizes.fromSystemProperties();

  @TempDir
  Path dir;

  @AfterAll
  static void print() {
    System.out.println(TABLE.render());
  }

  @Test
  void create() throws Exception {
    run(new Scenario(List.of(Optional.of("create"), Optional.empty()),
        i -> i % 2 == 0 ? Shape.empty() : Shape.cluster(Shape.SIX)), "create");
  }

  @Test
  void scaleOutAndIn() throws Exception {
    run(new Scenario(List.of(Optional.of("scale out"), Optional.of("scale in")),
        i -> Shape.cluster(i % 2 == 0 ? Shape.SIX : Shape.EIGHT)), "scale out", "scale in");
    // killed inside a slot move of the scale out, one apply recovers: it used to finish the open
    // slot, defer the new replica's attach and still wait 120 s for its link (exit 1)
    assertEquals(List.of(), TABLE.slowInsideMoves("scale out").stream().map(c -> c.point() + ": " + c.outcome())
        .toList(), "scale out cells killed inside a slot move that needed a second apply");
  }

  @Test
  void rollingRestart() throws Exception {
    run(new Scenario(List.of(Optional.of("rolling restart")),
        i -> Shape.cluster(Shape.SIX).withDatabases(i % 2 == 0 ? 16 : 20)), "rolling restart");
  }

  @Test
  void passwordRotation() throws Exception {
    String run = Long.toHexString(System.nanoTime());
    run(new Scenario(List.of(Optional.of("password rotation")),
        i -> Shape.cluster(Shape.SIX).withPassword("pw" + i + "-" + run)), "password rotation");
  }

  /**
   * TLS turned on for a running cluster (and off again to reset): every node switches its
   * listener, all of them one after the other, then one wait (see plan/ListenerSwitch).
   */
  @Test
  void tlsOn() throws Exception {
    assertEquals(0, Cli.run("pki", "init", "--dir", dir.resolve("pki").toString()).exit());
    run(new Scenario(List.of(Optional.of("TLS on"), Optional.empty()),
        i -> Shape.cluster(Shape.SIX).withTls(i % 2 == 1)), "TLS on");
  }

  /**
   * A replication group's master moved to its replica (a coordinated FAILOVER TO handover), the
   * controller killed before, between and right after the handover's steps.
   */
  @Test
  void groupMasterMove() throws Exception {
    run(new Scenario(List.of(Optional.of("group master move")),
        i -> i % 2 == 0 ? Shape.group(Shape.GROUP_A, Shape.GROUP_B) : Shape.group(Shape.GROUP_B, Shape.GROUP_A)),
        "group master move");
  }

  /**
   * Issue #10: the same move on servers without FAILOVER (a wrapper that says 6.0.16 and renames
   * FAILOVER away, see {@link InstalledServer#installWithoutFailover}): the controller's own
   * handover (fence the old master's writes, promote the new one, re-point the old one, which lifts
   * the fence) killed after every step, both ways; the next apply finishes it with every
   * acknowledged write and no fence left (a fenced master is a master refusing writes: the start
   * check of the next cell would fail on it).
   */
  @Test
  void groupMasterMoveWithoutFailover() throws Exception {
    InstalledServer server = InstalledServer.under(dir.resolve("bin"));
    server.installWithoutFailover();
    run(Optional.of(server.path()), new Scenario(List.of(Optional.of("group move without FAILOVER")),
        i -> i % 2 == 0 ? Shape.group(Shape.GROUP_A, Shape.GROUP_B) : Shape.group(Shape.GROUP_B, Shape.GROUP_A)),
        hosts -> new CrashRunner(hosts, TABLE, SIZES), "group move without FAILOVER");
  }

  /**
   * Master spread restored after a by-hand failover left every master on one host: the
   * controller killed before, between and right after the coordinated failover's steps.
   */
  @Test
  void spreadRestore() throws Exception {
    run(new Scenario(List.of(Optional.of("spread restore")), i -> Shape.cluster(Shape.SIX),
        Optional.of(new CrowdedHost())), "spread restore");
  }

  /**
   * Issue #8.2: a replica's disk replaced (killed, data wiped; see {@link ReplacedNode}), the apply
   * that rejoins it under a new id at its old address (MEET expecting that id, its role as
   * replica, forget-stale of the old id on every node) killed after every step, of the first plan and of the
   * rounds planned once the node answers with its new id (forget-stale). Few keys: the steps are
   * about node ids, not data volume.
   */
  @Test
  void replacedNode() throws Exception {
    run(new Scenario(List.of(Optional.of("replaced node")), i -> Shape.cluster(Shape.SIX),
        Optional.of(new ReplacedNode())), hosts -> CrashRunner.withLaterRounds(hosts, TABLE, LEAN), "replaced node");
  }

  /**
   * Issue #8.5: {@code apply --watch} SIGKILLed inside its round (the scale out, in the middle of
   * its plan, after a slot move: the step-by-step proof of the scale out is {@link #scaleOutAndIn});
   * the next apply converges. Scaled in again uncrashed.
   */
  @Test
  void watchRoundKilled() throws Exception {
    run(new Scenario(List.of(Optional.of("watch scale out"), Optional.empty()),
        i -> Shape.cluster(i % 2 == 0 ? Shape.SIX : Shape.EIGHT)),
        hosts -> new CrashRunner(hosts, TABLE, LEAN, true, CrashPointIT::afterFirstMove), "watch scale out");
  }

  /**
   * Issue #10: a newer redis-server installed under the running cluster (a wrapper whose version
   * each cell raises, see {@link InstalledServer}: what an apt-get upgrade looks like to the
   * agents), rolled by apply (restart to upgrade: replicas first, each master failed over to an
   * in-sync replica first), killed after every step k; the next apply finishes the roll with
   * every acknowledged write. Few keys: the steps restart processes, they move no slot.
   */
  @Test
  void rollingUpgrade() throws Exception {
    InstalledServer installed = InstalledServer.under(dir.resolve("bin"));
    AtomicInteger patch = new AtomicInteger(1000);
    run(Optional.of(installed.path()), new Scenario(List.of(Optional.of("rolling upgrade")),
        i -> Shape.cluster(Shape.SIX), Optional.of((hosts, shape) -> installed.install(installed.newer(patch.getAndIncrement())))),
        hosts -> new CrashRunner(hosts, TABLE, LEAN), "rolling upgrade");
  }

  /**
   * Issue #8: a host powered off for good and declared {@code state = gone}, its two nodes
   * replaced on a new host (replicas = 1 over three hosts: no shard wholly on the gone one), the
   * apply killed after every step k; each cell powers off the host the last one brought in (see
   * {@link GoneHostCells}). Few keys: the steps forget ids and add replicas, they move no slot.
   * A cell plans right after Redis failed the gone master over, when a member may not have
   * learnt it yet (this once planned the shard lost: {@code GoneHostPlannerTest}).
   */
  @Test
  void goneHost() throws Exception {
    goneHostCells(2, false, GoneHostCells.GONE_HOST);
  }

  /**
   * Issue #8.3: a host powered off for good and declared {@code state = gone} held a whole shard
   * (one node per host, replicas = 0), its node replaced on a new host; the applies run with
   * {@code --force}, killed after every step k; the lost slots must be served again, empty, and
   * every acknowledged key of the other shards read back. Each cell powers off the host the last
   * one brought in (see {@link GoneHostCells}).
   */
  @Test
  void lostShardForced() throws Exception {
    goneHostCells(1, true, GoneHostCells.LOST_SHARD);
  }

  private void goneHostCells(int perHost, boolean lostShard, String operation) throws Exception {
    try (GoneHostFleet fleet = new GoneHostFleet(dir, perHost)) {
      new GoneHostCells(fleet, TABLE, Math.min(SIZES.keys(), 300), lostShard).run();
    }
    assertEquals(List.of(), TABLE.failed(operation).stream().map(c -> c.point() + ": " + c.outcome()).toList(),
        operation + " cells that did not converge safely");
  }

  /**
   * One crash point, k = the plan's index of its first slot move. The watch loop prints changed
   * steps only (its waits are quiet), so it is killed after k change lines: a few slot moves later,
   * still inside the round.
   */
  private static List<KillPoint> afterFirstMove(List<KillPoint> points) {
    return points.stream().filter(p -> p instanceof KillPoint.AfterSteps a && a.lastKind().equals("migrate-slots"))
        .limit(1).toList();
  }

  /** Sizes of the issue #8 cells: the CI's crash points with few keys. */
  private static final CrashSizes LEAN = new CrashSizes(SIZES.full(), Math.min(SIZES.keys(), 2_000));

  private void run(Scenario scenario, String... operations) throws Exception {
    run(scenario, hosts -> new CrashRunner(hosts, TABLE, SIZES), operations);
  }

  private void run(Scenario scenario, java.util.function.Function<CrashHosts, CrashRunner> runner, String... operations)
      throws Exception {
    run(Optional.empty(), scenario, runner, operations);
  }

  private void run(Optional<Path> redisServer, Scenario scenario,
      java.util.function.Function<CrashHosts, CrashRunner> runner, String... operations) throws Exception {
    try (CrashHosts hosts = new CrashHosts(dir, redisServer)) {
      List<String> setup = new Transitions(hosts).move(Shape.empty(), scenario.shape(0));
      assertEquals(List.of(), setup, "the start state of " + List.of(operations));
      runner.apply(hosts).run(scenario);
    }
    List<CrashTable.Cell> failed = List.of(operations).stream().flatMap(op -> TABLE.failed(op).stream()).toList();
    assertEquals(List.of(), failed.stream().map(c -> c.operation() + " @ " + c.point() + ": " + c.outcome()).toList(),
        "crash cells that did not converge safely");
  }
}
