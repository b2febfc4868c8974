package io.redisfleet.controller.app;

import io.redisfleet.controller.agentclient.Connections;
import io.redisfleet.controller.exec.Executor;
import io.redisfleet.controller.exec.Fleet;
import io.redisfleet.controller.exec.Reconciler;
import io.redisfleet.controller.exec.RolloutState;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.lock.FleetLock;
import io.redisfleet.controller.lock.FleetLockedException;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.observe.Observer;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.PlanOptions;
import io.redisfleet.controller.plan.Planner;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.preflight.Preflight;
import io.redisfleet.controller.preflight.PreflightReport;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One controller run against one inventory: the agents' connections, a bounded thread pool and
 * the use cases the CLI exposes. The core never prints; callers pass listeners.
 */
public final class Session implements AutoCloseable {

  /**
   * Agent calls block a pool thread while they wait on the network, so the pool grows with the
   * fleet (one thread per host up to the cap): observing 500 hosts is then a few round trips
   * deep instead of 500 / 16 of them. Threads are created only as tasks arrive.
   */
  private static final int MIN_PARALLELISM = 16;
  private static final int MAX_PARALLELISM = 256;

  private final Inventory inventory;
  private final String runId;
  private final Connections connections;
  private final ExecutorService pool;
  private final Fleet fleet;

  private Session(Inventory inventory, String runId, Connections connections) {
    this.inventory = inventory;
    this.runId = runId;
    this.connections = connections;
    this.pool = Executors.newFixedThreadPool(parallelism(inventory.hosts().size()), r -> {
      Thread t = new Thread(r, "redis-fleet-" + runId);
      t.setDaemon(true);
      return t;
    });
    this.fleet = new Fleet(connections.clients());
  }

  static int parallelism(int hosts) {
    return Math.max(MIN_PARALLELISM, Math.min(MAX_PARALLELISM, hosts));
  }

  public static Session open(Inventory inventory) throws IOException {
    String runId = UUID.randomUUID().toString().substring(0, 8);
    return new Session(inventory, runId, Connections.open(inventory, runId));
  }

  public String runId() {
    return runId;
  }

  public Inventory inventory() {
    return inventory;
  }

  public Observation observe(boolean withDrift) throws InterruptedException {
    return new Observer(connections.clients(), pool).observe(inventory, withDrift);
  }

  public Plan plan() throws InterruptedException {
    return plan(PlanOptions.DEFAULT);
  }

  public Plan plan(PlanOptions options) throws InterruptedException {
    return Planner.apply(inventory, observe(true), options);
  }

  public Reconciler.Outcome apply(Rollout rollout, PlanOptions options, Consumer<Plan> onPlan,
      Consumer<StepResult> onStep) throws InterruptedException {
    return apply(rollout, options, onPlan, onStep, Reconciler.Gate.OPEN);
  }

  /** As above; {@code gate} (apply's preflight) is asked before the first step, never on a no-op. */
  public Reconciler.Outcome apply(Rollout rollout, PlanOptions options, Consumer<Plan> onPlan,
      Consumer<StepResult> onStep, Reconciler.Gate gate) throws InterruptedException {
    Observer observer = new Observer(connections.clients(), pool);
    return new Reconciler(observer, new Executor(fleet, pool, onStep), onPlan).apply(inventory, rollout, options,
        state -> { }, gate);
  }

  /** As above; {@code started} gets the run's rollout state first (apply --watch halts it on SIGTERM). */
  public Reconciler.Outcome apply(Rollout rollout, PlanOptions options, Consumer<Plan> onPlan,
      Consumer<StepResult> onStep, Consumer<RolloutState> started) throws InterruptedException {
    Observer observer = new Observer(connections.clients(), pool);
    return new Reconciler(observer, new Executor(fleet, pool, onStep), onPlan).apply(inventory, rollout, options,
        started);
  }

  /**
   * Tells every agent that answered how many of {@code plan}'s steps touch its host ({@code
   * command}: plan, apply, watch), for its metrics; best effort, bounded (see PlanReporter).
   */
  public void reportPlan(Plan plan, String command) throws InterruptedException {
    PlanReporter.report(connections.clients(), plan, command, pool);
  }

  /** Takes the fleet lock for this run; close it to release. Read-only commands never call this. */
  public FleetLock lock(Duration ttl, boolean breakLock, Consumer<String> warn)
      throws FleetLockedException, InterruptedException {
    return FleetLock.acquire(connections.clients(), FleetLock.defaultHolder(), ttl, breakLock, warn, pool);
  }

  public Preflight preflight() {
    return new Preflight(inventory, connections.clients(), pool);
  }

  public PreflightReport runPreflight() throws InterruptedException {
    return preflight().run();
  }

  public java.util.List<StepResult> execute(Plan plan, Consumer<StepResult> onStep) throws InterruptedException {
    return new Executor(fleet, pool, onStep).execute(plan);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    connections.close();
  }
}
