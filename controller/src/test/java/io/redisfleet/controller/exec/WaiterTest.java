package io.redisfleet.controller.exec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.NodeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every wait ends: on expiry the message says what was awaited and what was last seen. */
class WaiterTest {

  @Test
  void timeoutNamesWhatWasAwaitedAndWhatWasSeen() {
    FakeAgent agent = new FakeAgent("a", new ArrayList<>());
    agent.states = port -> Observed.at("a", port).reachable().role(Role.MASTER).node();
    Waiter waiter = new Waiter(new Fleet(Map.of("a", agent)));
    StepFailure e = assertThrows(StepFailure.class, () -> waiter.await("every replica link is up",
        List.of(new NodeRef("a", 30001)), Duration.ofMillis(200), io.redisfleet.controller.model.Readiness::linked));
    assertTrue(e.getMessage().startsWith("timed out after 200ms waiting until every replica link is up; last seen: "
        + "a:30001 role=master link=none"), e.getMessage());
  }

  @Test
  void satisfiedConditionReturns() throws Exception {
    FakeAgent agent = new FakeAgent("a", new ArrayList<>());
    agent.states = port -> Observed.at("a", port).reachable().role(Role.REPLICA).linkUp().node();
    new Waiter(new Fleet(Map.of("a", agent))).await("every replica link is up", List.of(new NodeRef("a", 30001)),
        Duration.ofSeconds(5), io.redisfleet.controller.model.Readiness::linked);
  }
}
