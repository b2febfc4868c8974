package io.redisfleet.controller.exec;

import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.plan.Step;
import io.redisfleet.controller.plan.StepHosts;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one apply has learned so far, across batches and reconcile rounds: which hosts failed (a
 * failed step or no answer), and whether the failure budget stopped the rollout. Decides for
 * each step whether it may still run.
 */
public final class RolloutState {

  private final Rollout rollout;
  private final int totalHosts;
  private final Function<Step, Set<String>> hostsOf;
  private final Set<String> failed = new TreeSet<>();
  private final Set<String> unreachable = new TreeSet<>();
  private String stopped;
  private String restartsStopped;
  /** Masters whose failover before their restart was not attempted, and why. */
  private final java.util.Map<io.redisfleet.controller.model.NodeRef, String> notFailedOver = new java.util.HashMap<>();

  public RolloutState(Rollout rollout, int totalHosts) {
    this(rollout, totalHosts, StepHosts::hosts);
  }

  /** With {@code hostsOf} saying which hosts a step involves (see {@link StepHosts}). */
  public RolloutState(Rollout rollout, int totalHosts, Function<Step, Set<String>> hostsOf) {
    this.rollout = rollout;
    this.totalHosts = totalHosts;
    this.hostsOf = hostsOf;
  }

  /** The hosts a failure of this step fails: the acting host of a change, every host a wait watched. */
  public Set<String> blame(Step step) {
    return step.mutating() ? Set.of(step.node().host()) : hostsOf.apply(step);
  }

  public Rollout rollout() {
    return rollout;
  }

  public int totalHosts() {
    return totalHosts;
  }

  public synchronized void unreachable(String host) {
    if (rollout.inLimit(host) && unreachable.add(host)) {
      failed.add(host);
      checkBudget();
    }
  }

  public synchronized void failed(String host) {
    if (failed.add(host)) {
      checkBudget();
    }
  }

  /**
   * A node did not come back from its restart (its agent put its previous conf back): the
   * rolling restart stops there. No other node is restarted, nor failed over for a restart,
   * in this apply: the same conf change would take it down the same way.
   */
  public synchronized void restartFailed(Step step) {
    if (restartsStopped == null) {
      restartsStopped = "rolling restart stopped: the restart of " + step.node() + " failed";
    }
  }

  private static boolean partOfARestart(Step step) {
    return step instanceof Step.ApplyNode a && a.restart()
        || step instanceof Step.Failover || step instanceof Step.WaitFailover;
  }

  private void stop(String why) {
    if (stopped == null) {
      stopped = why;
    }
  }

  /**
   * Stops the rollout from outside (apply --watch on SIGTERM): the step running now finishes,
   * every later one is skipped ({@code STOPPED}, with {@code why}); the next apply resumes.
   */
  public synchronized void halt(String why) {
    stop(why);
  }

  public synchronized Optional<String> stopped() {
    return Optional.ofNullable(stopped);
  }

  public synchronized Set<String> failedHosts() {
    return Set.copyOf(failed);
  }

  /**
   * Why the step may not run now, or empty when it may. A master whose failover before its
   * restart was skipped (its replica's host outside --limit, a failed host, …) is not restarted
   * either: it would restart in place, its shard without a master meanwhile, and with appendfsync
   * everysec it could lose its last second of acknowledged writes.
   */
  public synchronized Optional<StepResult.Skipped> skip(Step step) {
    Optional<StepResult.Skipped> skipped = skipCause(step);
    if (skipped.isPresent() && step instanceof Step.Failover f) {
      notFailedOver.put(f.master(), skipped.get().why());
    } else if (skipped.isEmpty() && step instanceof Step.ApplyNode a && a.restart()
        && notFailedOver.containsKey(a.node())) {
      return Optional.of(new StepResult.Skipped(step, StepResult.Cause.STOPPED, "not restarted in place: its failover"
          + " to a replica was not attempted (" + notFailedOver.get(a.node()) + ")"));
    }
    return skipped;
  }

  private Optional<StepResult.Skipped> skipCause(Step step) {
    Set<String> hosts = hostsOf.apply(step);
    for (String h : hosts) {
      if (!rollout.inLimit(h)) {
        return Optional.of(new StepResult.Skipped(step, StepResult.Cause.OUTSIDE_LIMIT, "host " + h + " outside --limit"));
      }
    }
    if (stopped != null) {
      return Optional.of(new StepResult.Skipped(step, StepResult.Cause.STOPPED, stopped));
    }
    if (restartsStopped != null && partOfARestart(step)) {
      return Optional.of(new StepResult.Skipped(step, StepResult.Cause.STOPPED, restartsStopped));
    }
    // A host that did not answer when the plan was made blocks only the steps that act on or name
    // one of its nodes (the planner defers those; this is the net): a wait for replica links whose
    // cluster has a node there watches only nodes that answered.
    Set<String> direct = StepHosts.hosts(step);
    for (String h : hosts) {
      if (failed.contains(h) && (!unreachable.contains(h) || direct.contains(h))) {
        String what = unreachable.contains(h) ? " is unreachable" : " failed earlier";
        return Optional.of(new StepResult.Skipped(step, StepResult.Cause.HOST_FAILED, "host " + h + what));
      }
    }
    return Optional.empty();
  }

  private void checkBudget() {
    if (rollout.budgetExceeded(failed.size(), totalHosts)) {
      stop("rollout stopped: " + failed.size() + " of " + totalHosts + " host(s) failed " + failed
          + ", more than --max-fail " + rollout.maxFail());
    }
  }
}
