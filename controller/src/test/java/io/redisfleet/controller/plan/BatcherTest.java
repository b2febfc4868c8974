package io.redisfleet.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatcherTest {

  private static Step apply(String node, Reason.Code code) {
    NodeRef ref = Fixtures.ref(node);
    return new Step.ApplyNode(new DesiredNode(ref, new Membership.ClusterMember("main"), List.of()), Optional.empty(),
        Reason.of(code, code.name()));
  }

  private static List<String> nodes(List<Step> batch) {
    return batch.stream().map(s -> s.node().toString()).toList();
  }

  @Test
  void batchOfOneHostRunsHostsOneAfterTheOther() {
    List<Step> group = List.of(apply("a:1", Reason.Code.NEW_NODE), apply("b:2", Reason.Code.NEW_NODE),
        apply("a:3", Reason.Code.NEW_NODE), apply("c:4", Reason.Code.NEW_NODE));
    List<List<Step>> batches = Batcher.split(group, 1, Map.of());
    assertEquals(List.of(List.of("a:1", "a:3"), List.of("b:2"), List.of("c:4")),
        batches.stream().map(BatcherTest::nodes).toList());
    assertEquals(2, Batcher.split(group, 2, Map.of()).size());
  }

  @Test
  void disruptiveStepsNeverTakeTwoMembersOfAShardTogether() {
    // a:1 and b:2 are one shard (master and replica), c:3 and a:4 another
    Map<NodeRef, String> shards = Map.of(Fixtures.ref("a:1"), "s1", Fixtures.ref("b:2"), "s1",
        Fixtures.ref("c:3"), "s2", Fixtures.ref("a:4"), "s2");
    List<Step> restarts = List.of(apply("a:1", Reason.Code.CONF_CHANGED_RESTART),
        apply("b:2", Reason.Code.CONF_CHANGED_RESTART), apply("c:3", Reason.Code.CONF_CHANGED_RESTART),
        apply("a:4", Reason.Code.CONF_CHANGED_RESTART));
    List<List<Step>> batches = Batcher.split(restarts, 100, shards);
    for (List<Step> batch : batches) {
      Set<String> seen = new HashSet<>();
      batch.forEach(s -> assertTrue(seen.add(shards.get(s.node())), "two of a shard in " + nodes(batch)));
    }
    assertEquals(4, batches.stream().mapToInt(List::size).sum());
    assertEquals(2, batches.size());
    // live changes are not disruptive: one batch
    List<Step> live = restarts.stream().map(s -> apply(s.node().toString(), Reason.Code.CONF_CHANGED_LIVE)).toList();
    assertEquals(1, Batcher.split(live, 100, shards).size());
  }

  @Test
  void sizesParseAndBudgetsCount() {
    Rollout r = new Rollout(Rollout.Size.parse("25%"), Rollout.Size.parse("1"), Set.of());
    assertEquals(1, r.hostsPerBatch(3));
    assertEquals(3, r.hostsPerBatch(10));
    assertFalse(r.budgetExceeded(1, 10));
    assertTrue(r.budgetExceeded(2, 10));
    Rollout pct = new Rollout(Rollout.Size.all(), Rollout.Size.parse("10%"), Set.of());
    assertFalse(pct.budgetExceeded(1, 10));
    assertTrue(pct.budgetExceeded(2, 10));
    assertTrue(new Rollout(Rollout.Size.all(), Rollout.Size.count(0), Set.of()).budgetExceeded(1, 10));
    assertFalse(Rollout.DEFAULT.budgetExceeded(10, 10));
    assertThrows(IllegalArgumentException.class, () -> Rollout.Size.parse("x"));
    assertThrows(IllegalArgumentException.class, () -> Rollout.Size.parse("101%"));
  }
}
