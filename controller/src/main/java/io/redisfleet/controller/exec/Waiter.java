package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.model.NodeRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Polls a condition over fresh observations until it holds or the timeout expires. Polls fast
 * (every 50 ms): cluster formation is sub-second work and redis-cli's one-second sleeps are
 * what makes it slow.
 */
final class Waiter {

  private static final Duration POLL = Duration.ofMillis(50);

  private final Fleet fleet;

  Waiter(Fleet fleet) {
    this.fleet = fleet;
  }

  void await(String what, List<NodeRef> nodes, Duration timeout,
      Function<Map<NodeRef, ObservedNode>, String> condition) throws StepFailure, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String seen = "nothing observed yet";
    while (true) {
      try {
        seen = condition.apply(fleet.observe(nodes));
        if (seen == null) {
          return;
        }
      } catch (AgentCallException e) {
        seen = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        String after = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
        throw new StepFailure("timed out after " + after + " waiting until " + what
            + "; last seen: " + seen);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
