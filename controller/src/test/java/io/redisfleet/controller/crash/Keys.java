package io.redisfleet.controller.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Bulk writes before an operation and the read-back of every acknowledged key afterwards. */
final class Keys {

  private static final int BATCH = 2000;

  private Keys() {}

  /** Empties every master, then writes {@code count} keys: data in every slot for the moves to carry. */
  static Map<String, String> preload(Shape shape, Access access, String prefix, int count) {
    for (int node : shape.declared()) {
      try (Jedis j = access.jedis(node)) {
        if (j.info("replication").contains("role:master")) {
          j.flushAll();
        }
      } catch (redis.clients.jedis.exceptions.JedisConnectionException e) {
        // a node the cell's disturbance took down (a replaced disk): it holds nothing to empty
      }
    }
    Map<String, String> written = new HashMap<>();
    for (int n = 0; n < count; n++) {
      written.put(prefix + ":p:" + n, "p-" + prefix + "-" + n);
    }
    try (Client c = client(shape, access)) {
      List<Map.Entry<String, String>> all = new ArrayList<>(written.entrySet());
      for (int from = 0; from < all.size(); from += BATCH) {
        try (AbstractPipeline p = c.client.pipelined()) {
          all.subList(from, Math.min(all.size(), from + BATCH)).forEach(e -> p.set(e.getKey(), e.getValue()));
          p.sync();
        }
      }
    }
    return written;
  }

  /** The acknowledged keys that do not read back with their value, as one problem line (none if all do). */
  static List<String> lost(Shape shape, Access access, Map<String, String> acked) {
    List<String> missing = new ArrayList<>();
    Set<String> read = new HashSet<>();
    try (Client c = client(shape, access)) {
      List<Map.Entry<String, String>> all = new ArrayList<>(acked.entrySet());
      for (int from = 0; from < all.size(); from += BATCH) {
        List<Map.Entry<String, String>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
        try (AbstractPipeline p = c.client.pipelined()) {
          List<Response<String>> values = batch.stream().map(e -> p.get(e.getKey())).toList();
          p.sync();
          for (int i = 0; i < batch.size(); i++) {
            String got;
            try {
              got = values.get(i).get();
            } catch (RuntimeException e) {
              got = "error: " + e.getMessage();
            }
            if (!batch.get(i).getValue().equals(got)) {
              missing.add(batch.get(i).getKey() + "=" + got);
            }
            read.add(batch.get(i).getKey());
          }
        }
      }
    } catch (RuntimeException e) {
      return List.of("acknowledged keys unreadable: " + e);
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    TreeSet<Integer> slots = new TreeSet<>();
    missing.forEach(m -> slots.add(JedisClusterCRC16.getSlot(m.substring(0, m.indexOf('=')))));
    String where = shape.clusterNodes().isEmpty() ? "" : ", in " + slots.size() + " slot(s) " + SlotText.ranges(slots);
    return List.of("LOST " + missing.size() + " of " + acked.size() + " acknowledged keys" + where + "; e.g. "
        + missing.subList(0, Math.min(3, missing.size())));
  }

  private record Client(UnifiedJedis client) implements AutoCloseable {
    public void close() {
      client.close();
    }
  }

  private static Client client(Shape shape, Access access) {
    if (!shape.clusterNodes().isEmpty()) {
      Set<HostAndPort> seeds = new HashSet<>();
      shape.clusterNodes().forEach(i -> seeds.add(access.endpoint(i)));
      return new Client(RedisClusterClient.builder().nodes(seeds).clientConfig(access.config(shape.clusterNodes().get(0))).build());
    }
    int master = shape.group().get(0);
    return new Client(new UnifiedJedis(access.endpoint(master), access.config(master)));
  }
}
