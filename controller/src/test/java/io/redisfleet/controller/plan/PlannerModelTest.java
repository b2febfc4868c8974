package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.model.Timeouts;
import io.redisfleet.controller.plan.safety.StepInvariants;
import io.redisfleet.controller.plan.safety.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Model-based test of the planner: thousands of random schedules on a simulated cluster
 * ({@link SimFleet}) — random scale outs and ins, the controller killed between any two steps
 * and inside slot moves, Redis failing masters over by itself, nodes replaced empty (a new id at
 * the old address), a host lost for good and declared gone, writes acknowledged all along —
 * with the data invariants checked after every step, and, once the schedule ends, a clean apply
 * that must converge to exactly the inventory: every slot served by a declared master, none
 * open, no ghost, no orphan, every acknowledged key where it belongs.
 *
 * <p>The seed is printed; {@code -Dmodel.seed=N} replays one schedule, {@code -Dmodel.schedules=N}
 * runs more.
 */
class PlannerModelTest {

  private static final int APPLIES = 8;
  private static final Map<String, Host> HOSTS = Map.of(
      "h1", new Host("h1", "127.0.0.1", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
      "h2", new Host("h2", "127.0.0.2", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
      "h3", new Host("h3", "127.0.0.3", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()));
  private static final List<NodeRef> POOL = pool();

  private static List<NodeRef> pool() {
    List<NodeRef> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      out.add(new NodeRef("h" + (1 + i % 3), 7000 + i));
    }
    return out;
  }

  private static Inventory inventory(List<NodeRef> declared) {
    return inventory(declared, Optional.empty());
  }

  /** With {@code gone} declared {@code state = gone}: out of the hosts, into goneHosts. */
  private static Inventory inventory(List<NodeRef> declared, Optional<String> gone) {
    List<NodeDecl> nodes = declared.stream().map(r -> new NodeDecl(r, List.of())).toList();
    Map<String, Host> active = new HashMap<>(HOSTS);
    Map<String, Host> goneHosts = new HashMap<>();
    gone.ifPresent(g -> goneHosts.put(g, active.remove(g)));
    return new Inventory("model.conf", active, List.of(new ClusterSpec("main", 1, nodes)), List.of(),
        Timeouts.DEFAULT, Optional.empty(), goneHosts, Engines.ANY);
  }

  @Test
  void randomSchedulesNeverLoseAnAcknowledgedWriteAndAlwaysConverge() {
    long seed = Long.getLong("model.seed", System.nanoTime());
    int schedules = Integer.getInteger("model.schedules", Long.getLong("model.seed") != null ? 1 : 1500);
    System.out.println("PlannerModelTest: seed " + seed + ", " + schedules + " schedules (-Dmodel.seed=" + seed
        + " -Dmodel.schedules=" + schedules + " replays them)");
    Stats stats = new Stats();
    for (int i = 0; i < schedules; i++) {
      new Schedule(seed + i, stats).run();
    }
    System.out.println("PlannerModelTest: " + stats);
  }

  /**
   * Schedules that once failed, replayed on every run. 18142959711754: a node started while its
   * host answered, left out of the cluster formed while that host was away, then dropped from the
   * inventory (epoch 0, knows only itself) ran on for ever (LeftoverNodes wanted an epoch).
   * 18499109488992: a node reset by a killed scale in, declared again while the others still knew
   * its id, was never met (the anchor knew it) and the join wait timed out for ever.
   * 19010321235327: a node given its slots while the rest had formed without its host, killed
   * before its MEET, then a scale in: refused as "merging clusters" for ever.
   * 26570115546860: the same, but the lone node had taken writes (the simulator does not model
   * cluster-require-full-coverage): refused for ever while it held keys.
   */
  @Test
  void schedulesThatOnceFailedStillConverge() {
    Stats stats = new Stats();
    for (long seed : new long[] {18142959711754L, 18499109488992L, 19010321235327L, 26570115546860L}) {
      new Schedule(seed, stats, false).run();
    }
    // with replaced nodes and gone hosts: 28387398168981 let Redis promote a leaving replica that
    // every remaining master had forgotten (the simulator granted votes it could not get);
    // 40342766247681 replaced a node while an apply ran and the old node's MEET reached the new,
    // empty one: a fragment refused for ever as a second cluster (Invariant.NO_STEP_ON_REPLACED_NODE)
    for (long seed : new long[] {28387398168981L, 40342766247681L}) {
      new Schedule(seed, stats).run();
    }
  }

  /** What the schedules did, so a run that exercised nothing shows it. */
  static final class Stats {
    int steps;
    int crashes;
    int cutMoves;
    int failovers;
    int writes;
    int refusedByGuard;
    int scaleIns;
    int scaleOuts;
    int partialPlans;
    int replaced;
    int replacedInside;
    int goneHosts;

    @Override
    public String toString() {
      return steps + " steps, " + crashes + " controller kills (" + cutMoves + " inside slot moves), " + failovers
          + " failovers, " + writes + " acknowledged writes, " + scaleOuts + " scale outs, " + scaleIns
          + " scale ins, " + partialPlans + " plans with a host away, " + replaced + " nodes replaced empty (" + replacedInside + " inside an apply), "
          + goneHosts + " hosts gone, " + refusedByGuard
          + " steps refused by the executor's invariants";
    }
  }

  /** One random history: create, then three inventory changes, each applied through crashes. */
  private static final class Schedule {
    private final long seed;
    private final Random random;
    private final Stats stats;
    private final SimFleet sim = new SimFleet(inventory(POOL));
    private final int[] expected = new int[SlotRange.SLOTS];
    private final List<String> history = new ArrayList<>();
    /** The host declared gone, once one is (for the rest of the schedule). */
    private Optional<String> gone = Optional.empty();
    /**
     * Whether replaced nodes and gone hosts happen (issue #8); off for the replayed seeds, whose
     * histories were drawn before these events existed and must replay the same.
     */
    private final boolean fleetEvents;

    Schedule(long seed, Stats stats) {
      this(seed, stats, true);
    }

    Schedule(long seed, Stats stats, boolean fleetEvents) {
      this.fleetEvents = fleetEvents;
      this.seed = seed;
      this.random = new Random(seed);
      this.stats = stats;
    }

    void run() {
      List<NodeRef> declared = new ArrayList<>(POOL.subList(0, random.nextBoolean() ? 6 : 8));
      for (int change = 0; change < 4; change++) {
        if (fleetEvents && change > 0 && gone.isEmpty() && random.nextInt(6) == 0) {
          declared = loseHost(declared);
        }
        Inventory inventory = inventory(declared, gone);
        history.add("inventory " + declared);
        for (int apply = 0; apply < APPLIES / 2; apply++) {
          if (!applyOnce(inventory, true)) {
            break;
          }
        }
        declared = change(declared);
      }
      Inventory last = inventory(declared, gone);
      history.add("final inventory " + declared);
      for (int apply = 0; apply < APPLIES; apply++) {
        if (!applyOnce(last, false)) {
          assertConverged(last, declared);
          return;
        }
      }
      failure("did not converge in " + APPLIES + " clean applies; last plan "
          + Planner.apply(last, sim.observe(last)));
    }

    private List<NodeRef> change(List<NodeRef> declared) {
      List<NodeRef> next = new ArrayList<>(declared);
      List<NodeRef> free = POOL.stream().filter(r -> !declared.contains(r) && !gone.equals(Optional.of(r.host()))).toList();
      if (random.nextBoolean() && free.size() >= 2) {
        next.addAll(free.subList(0, 2));
        stats.scaleOuts++;
      } else if (declared.size() >= 8) {
        next.remove(random.nextInt(next.size()));
        next.remove(random.nextInt(next.size()));
        stats.scaleIns++;
      }
      return next;
    }

    /**
     * A host lost for good: its nodes vanish (Redis failed its masters over first) and the
     * inventory declares it gone, its nodes replaced by free ones of the other hosts. Skipped when
     * a shard would be lost with it (both copies there, or a slot open on its master).
     */
    private List<NodeRef> loseHost(List<NodeRef> declared) {
      String host = HOSTS.keySet().stream().sorted().toList().get(random.nextInt(HOSTS.size()));
      if (!sim.vanish(host)) {
        history.add("host " + host + " not lost: a shard has no copy elsewhere");
        return declared;
      }
      gone = Optional.of(host);
      stats.goneHosts++;
      List<NodeRef> next = new ArrayList<>(declared.stream().filter(r -> !r.host().equals(host)).toList());
      List<NodeRef> free = POOL.stream().filter(r -> !declared.contains(r) && !r.host().equals(host)).toList();
      next.addAll(free.subList(0, Math.min(free.size(), declared.size() - next.size())));
      history.add("host " + host + " gone; inventory " + next);
      return next;
    }

    /** A node's disk replaced: back empty with a new id at its address (see {@link SimFleet#replace}). */
    private boolean replaceSome() {
      List<NodeRef> running = sim.nodes.values().stream().filter(n -> n.running).map(n -> n.ref).toList();
      if (!running.isEmpty()) {
        NodeRef ref = running.get(random.nextInt(running.size()));
        if (sim.replace(ref)) {
          stats.replaced++;
          history.add("replaced empty: " + ref + " (new id " + sim.describe(sim.node(ref).id) + ")");
          return true;
        }
      }
      return false;
    }

    /** One apply, maybe killed; false when the plan had no step (nothing left to do). */
    private boolean applyOnce(Inventory inventory, boolean crashes) {
      if (fleetEvents && crashes && random.nextInt(6) == 0) {
        // between applies (no controller running): a plan made before the replacement meets it
        // only through a killed apply's successor, which observes it afresh
        replaceSome();
      }
      sim.gossip();
      // now and then one host's agent does not answer: the plan must act on, move to or wait for
      // no node there, and still keep every invariant
      Optional<String> away = crashes && random.nextInt(4) == 0
          ? Optional.of(inventory.hosts().keySet().stream().sorted().toList().get(random.nextInt(inventory.hosts().size())))
          : Optional.empty();
      Plan plan = Planner.apply(inventory, sim.observe(inventory, away));
      if (away.isPresent()) {
        stats.partialPlans++;
        history.add("host " + away.get() + " does not answer");
        plan.steps().stream().filter(st -> StepHosts.nodes(st).stream().anyMatch(n -> n.host().equals(away.get())))
            .findFirst().ifPresent(st -> failure("step on " + away.get() + ", whose agent did not answer: "
                + st.describe()));
        if (plan.steps().isEmpty()) {
          return true; // nothing safe to do without it; the next apply sees it again
        }
      }
      if (plan.steps().isEmpty()) {
        return false;
      }
      int kill = crashes && random.nextInt(3) == 0 ? random.nextInt(plan.steps().size()) : -1;
      for (int k = 0; k < plan.steps().size(); k++) {
        Step step = plan.steps().get(k);
        int cut = -1;
        if (k == kill) {
          stats.crashes++;
          if (!(step instanceof Step.MigrateSlots m) || random.nextBoolean()) {
            history.add("killed before " + step.describe());
            return true;
          }
          cut = random.nextInt(m.slots());
          stats.cutMoves++;
        }
        if (fleetEvents && crashes && random.nextInt(40) == 0) {
          // a disk replaced while this apply runs: the steps planned for the old node must not
          // reach the new one (Invariant.NO_STEP_ON_REPLACED_NODE)
          if (replaceSome()) {
            stats.replacedInside++;
          }
        }
        Map<NodeRef, ObservedNode> fresh = new HashMap<>();
        StepInvariants.needs(step).forEach(r -> Optional.ofNullable(sim.node(r)).ifPresent(n -> fresh.put(r, sim.observed(n))));
        Optional<Violation> violation = StepInvariants.check(step, fresh);
        if (violation.isPresent()) {
          stats.refusedByGuard++;
          history.add("guard refused: " + violation.get().message());
          return true;
        }
        try {
          stats.steps++;
          sim.run(step, cut, random);
          history.add("ran " + step.describe());
        } catch (SimFleet.Refused e) {
          history.add("failed " + step.describe() + ": " + e.getMessage());
          checkSafety();
          return true;
        }
        checkSafety();
        writeSome();
        if (crashes && random.nextInt(20) == 0) {
          failoverSome();
        }

      }
      return true;
    }

    private void writeSome() {
      for (int w = 0; w < 3; w++) {
        int slot = random.nextInt(SlotRange.SLOTS);
        if (sim.write(slot)) {
          expected[slot]++;
          stats.writes++;
        }
      }
    }

    private void failoverSome() {
      List<SimFleet.Node> replicas = sim.nodes.values().stream()
          // a replica its master forgot gets no vote and no coordinated failover: Redis never promotes it
          .filter(n -> n.running && !n.master() && sim.byId(n.masterId)
              .map(m -> m.running && m.master() && m.knows.contains(n.id)).orElse(false))
          // nor one the majority of slot-owning masters forgot: a master grants its failover vote only to a
          // sender it knows (clusterSendFailoverAuthIfNeeded), so a leaving replica forgotten by the remaining
          // masters cannot win an election (seed 28387398168981 promoted one after every member forgot it)
          .filter(this::electable)
          .toList();
      if (!replicas.isEmpty()) {
        SimFleet.Node r = replicas.get(random.nextInt(replicas.size()));
        try {
          sim.failover(r);
          stats.failovers++;
          history.add("redis failed over to " + r.ref);
        } catch (SimFleet.Refused e) {
          history.add("no failover: " + e.getMessage());
        }
      }
    }

    private boolean electable(SimFleet.Node replica) {
      List<SimFleet.Node> voters = sim.nodes.values().stream()
          .filter(m -> m.master() && !m.slots.isEmpty() && m.id != null).toList();
      long known = voters.stream().filter(m -> m.running && m.knows.contains(replica.id)).count();
      return known * 2 > voters.size();
    }

    /** After every step: no acknowledged key lost, no slot with two owners, keys only where served. */
    private void checkSafety() {
      int[] keys = new int[SlotRange.SLOTS];
      java.util.BitSet owned = new java.util.BitSet(SlotRange.SLOTS);
      for (SimFleet.Node n : sim.nodes.values()) {
        if (!n.master()) {
          continue;
        }
        if (owned.intersects(n.slots)) {
          java.util.BitSet both = (java.util.BitSet) owned.clone();
          both.and(n.slots);
          failure("slot " + both.nextSetBit(0) + " is claimed by two masters, one of them " + n.ref);
        }
        owned.or(n.slots);
        for (Map.Entry<Integer, Integer> e : n.keys.entrySet()) {
          keys[e.getKey()] += e.getValue();
          if (e.getValue() > 0 && !n.slots.get(e.getKey()) && !n.importing.containsKey(e.getKey())) {
            failure(n.ref + " holds keys of slot " + e.getKey() + " it neither owns nor imports");
          }
        }
      }
      for (int slot = 0; slot < SlotRange.SLOTS; slot++) {
        if (keys[slot] != expected[slot]) {
          failure("slot " + slot + " holds " + keys[slot] + " keys, " + expected[slot] + " acknowledged");
        }
      }
    }

    private void assertConverged(Inventory inventory, List<NodeRef> declared) {
      Plan plan = Planner.apply(inventory, sim.observe(inventory));
      if (!plan.converged()) {
        failure("not converged: " + plan);
      }
      List<String> ids = declared.stream().map(r -> sim.node(r).id).toList();
      java.util.BitSet served = new java.util.BitSet(SlotRange.SLOTS);
      declared.stream().map(sim::node).filter(n -> n.running && n.master()).forEach(n -> served.or(n.slots));
      int covered = served.cardinality();
      for (SimFleet.Node n : sim.nodes.values()) {
        if (!declared.contains(n.ref)) {
          failure("orphan: " + n.ref + " still runs; last plan " + Planner.apply(inventory, sim.observe(inventory)));
        }
        if (!n.migrating.isEmpty() || !n.importing.isEmpty()) {
          failure("open slots on " + n.ref);
        }
        List<String> others = ids.stream().filter(id -> !id.equals(n.id)).sorted().toList();
        if (!others.equals(n.knows.stream().sorted().toList())) {
          failure("ghost or missing peer in the view of " + n.ref + ": knows " + n.knows.size() + " of " + others.size()
              + "; extra " + n.knows.stream().filter(id -> !others.contains(id)).map(sim::describe).toList());
        }
      }
      if (covered != SlotRange.SLOTS) {
        failure(covered + " slots served");
      }
      assertEquals(SlotRange.SLOTS, covered);
    }

    private void failure(String what) {
      int from = Math.max(0, history.size() - Integer.getInteger("model.history", 60));
      fail("schedule seed " + seed + " (-Dmodel.seed=" + seed + "): " + what + "\nlast events:\n  "
          + String.join("\n  ", history.subList(from, history.size())));
    }
  }
}
