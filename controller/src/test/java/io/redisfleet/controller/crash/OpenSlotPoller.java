package io.redisfleet.controller.crash;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;

/** Asks a node, over one kept connection, whether it reports a slot open ({@code [slot->-id]}). */
final class OpenSlotPoller implements ControllerProcess.OpenSlots, AutoCloseable {

  private final Access access;
  private final Map<Integer, Jedis> connections = new HashMap<>();

  OpenSlotPoller(Access access) {
    this.access = access;
  }

  @Override
  public boolean anyOpen(int node) {
    try {
      String view = connections.computeIfAbsent(node, access::jedis).clusterNodes();
      return view.lines().filter(l -> l.contains("myself")).anyMatch(l -> l.contains("->-"));
    } catch (RuntimeException e) {
      Jedis broken = connections.remove(node);
      if (broken != null) {
        broken.close();
      }
      return false;
    }
  }

  @Override
  public void close() {
    connections.values().forEach(Jedis::close);
  }
}
