package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a group of independent steps into batches that run one after the other: at most
 * {@code hostsPerBatch} hosts per batch, and for disruptive steps never two members of one
 * shard in the same batch. Greedy in plan order, so hosts go in the order the plan names them;
 * the first remaining step always fits an empty batch, so it always makes progress.
 */
public final class Batcher {

  private Batcher() {}

  public static List<List<Step>> split(List<Step> group, int hostsPerBatch, Map<NodeRef, String> shardOf) {
    List<List<Step>> batches = new ArrayList<>();
    List<Step> remaining = new ArrayList<>(group);
    while (!remaining.isEmpty()) {
      List<Step> batch = new ArrayList<>();
      Set<String> hosts = new LinkedHashSet<>();
      Set<String> shards = new HashSet<>();
      for (Step step : remaining) {
        String host = step.node().host();
        if (!hosts.contains(host) && hosts.size() >= hostsPerBatch) {
          continue;
        }
        String shard = shardOf.get(step.node());
        boolean disruptive = StepHosts.disruptive(step);
        if (disruptive && shard != null && shards.contains(shard)) {
          continue;
        }
        batch.add(step);
        hosts.add(host);
        if (disruptive && shard != null) {
          shards.add(shard);
        }
      }
      remaining.removeAll(batch);
      batches.add(batch);
    }
    return batches;
  }
}
