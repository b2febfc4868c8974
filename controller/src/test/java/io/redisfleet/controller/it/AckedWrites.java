package io.redisfleet.controller.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Writers that keep writing into a cluster until stopped, and remember every write the cluster
 * acknowledged and when (System.nanoTime). One writer per master, on a hash tag of that master's
 * slots: a shard paused by its failover holds up its own writer only, so the others show whether
 * the cluster kept taking writes meanwhile.
 */
final class AckedWrites implements AutoCloseable {

  /** Paces each writer (about one write a millisecond) so the data set and the read-back stay small. */
  private static final long PAUSE_MS = 1;

  private final RedisClusterClient cluster;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<ShardWriter> writers = new ArrayList<>();

  /** Starts one writer per master (indexes into {@link TestFleet#ports}). */
  AckedWrites(TestFleet fleet, List<Integer> masters, List<Integer> seeds) {
    this(fleet.seeds(seeds), masters.stream().map(i -> new HostAndPort(fleet.address(i), fleet.ports.get(i))).toList());
  }

  /** Starts one writer per master, given by address (fleets other than {@link TestFleet}). */
  AckedWrites(Set<HostAndPort> seeds, List<HostAndPort> masters) {
    this.cluster = RedisClusterClient.create(seeds);
    for (HostAndPort master : masters) {
      writers.add(new ShardWriter(tagServedBy(master)));
    }
    writers.forEach(w -> w.thread.start());
  }

  /** Stops every writer and waits for it (30 s at most); only then are the counts below complete. */
  void stop() throws InterruptedException {
    stop.set(true);
    for (ShardWriter w : writers) {
      w.thread.join(30_000);
      if (w.thread.isAlive()) {
        throw new AssertionError("writer " + w.tag + " did not stop in 30 s");
      }
      if (w.crashed != null) {
        throw new AssertionError("writer " + w.tag + " crashed", w.crashed);
      }
    }
  }

  int acknowledged() {
    return writers.stream().mapToInt(w -> w.acks.size()).sum();
  }

  /** Acknowledged writes whose acknowledgement came between {@code start} and {@code end}. */
  long acknowledgedBetween(long start, long end) {
    return writers.stream().flatMap(w -> w.acks.stream()).filter(a -> a.at >= start && a.at <= end).count();
  }

  /** Acknowledged keys that do not read back with the value written (read a slot at a time). */
  List<String> lost() {
    List<String> lost = new ArrayList<>();
    for (ShardWriter w : writers) {
      for (int from = 0; from < w.acks.size(); from += 500) {
        List<Ack> batch = w.acks.subList(from, Math.min(from + 500, w.acks.size()));
        List<String> values = cluster.mget(batch.stream().map(a -> w.key(a.n)).toArray(String[]::new));
        for (int i = 0; i < batch.size(); i++) {
          if (!String.valueOf(batch.get(i).n).equals(values.get(i))) {
            lost.add(w.key(batch.get(i).n) + "=" + values.get(i));
          }
        }
      }
    }
    return lost;
  }

  /** Deletes every key the writers tried (acknowledged or not), then closes the client. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (ShardWriter w : writers) {
      w.thread.join(30_000);
    }
    for (ShardWriter w : writers) {
      for (int from = 0; from < w.attempts; from += 500) {
        int to = Math.min(from + 500, w.attempts);
        cluster.del(IntStream.range(from, to).mapToObj(w::key).toArray(String[]::new));
      }
    }
    cluster.close();
  }

  /** A hash tag whose slot the master serves, from the master's own CLUSTER NODES line. */
  private static String tagServedBy(HostAndPort master) {
    try (Jedis j = new Jedis(master.getHost(), master.getPort(), 3000)) {
      String[] myself = j.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow().split(" ");
      for (int t = 0; t < 100_000; t++) {
        int slot = JedisClusterCRC16.getSlot("w" + t);
        for (int f = 8; f < myself.length; f++) {
          String[] range = myself[f].split("-");
          if (!range[0].startsWith("[") && slot >= Integer.parseInt(range[0])
              && slot <= Integer.parseInt(range[range.length - 1])) {
            return "w" + t;
          }
        }
      }
      throw new AssertionError("node " + master + " serves no slot: " + String.join(" ", myself));
    }
  }

  private record Ack(int n, long at) {}

  private final class ShardWriter implements Runnable {
    final String tag;
    final Thread thread;
    final List<Ack> acks = new ArrayList<>();
    int attempts;
    Throwable crashed;

    ShardWriter(String tag) {
      this.tag = tag;
      this.thread = new Thread(this, "acked-writes-" + tag);
    }

    String key(int n) {
      return "{" + tag + "}:" + n;
    }

    @Override
    public void run() {
      try {
        for (int n = 0; !stop.get(); n++) {
          attempts = n + 1;
          try {
            cluster.set(key(n), String.valueOf(n));
            acks.add(new Ack(n, System.nanoTime()));
          } catch (RuntimeException refused) {
            // not acknowledged: the client saw the error, so nothing is owed
          }
          Thread.sleep(PAUSE_MS);
        }
      } catch (InterruptedException | RuntimeException | Error e) {
        crashed = e;
      }
    }
  }
}
