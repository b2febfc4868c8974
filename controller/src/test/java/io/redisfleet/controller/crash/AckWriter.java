package io.redisfleet.controller.crash;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;

/**
 * Writes unique keys with unique values in a loop, through a cluster client (cluster) or to
 * whichever node takes writes (group), and records every write the server acknowledged. Errors,
 * redirections and refused logins are tolerated: the client saw them, so nothing is owed; on
 * repeated errors it reconnects with the next login (old or new password, plaintext or TLS).
 */
final class AckWriter implements AutoCloseable {

  /** A steady client, not a flood: about a thousand writes a second keeps the read-back cheap. */
  private static final long PACE_NANOS = 1_000_000;

  private final String prefix;
  private final Map<String, String> acked = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong errors = new AtomicLong();
  private final Thread thread;

  /** Where writes go: a cluster's seeds, or a group's nodes; each with the logins to try in turn. */
  sealed interface Target {
    record Cluster(Set<HostAndPort> seeds, List<JedisClientConfig> logins) implements Target {}

    record Group(List<HostAndPort> nodes, List<JedisClientConfig> logins) implements Target {}
  }

  AckWriter(String prefix, Target target) {
    this.prefix = prefix;
    this.thread = new Thread(() -> run(target), "ack-writer-" + prefix);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Target target) {
    long n = 0;
    for (int attempt = 0; !stop.get(); attempt++) {
      try (Writes writes = open(target, attempt)) {
        for (int failures = 0; !stop.get() && failures < 3; n++) {
          String key = prefix + ":w:" + n;
          String value = "v-" + prefix + "-" + n;
          try {
            writes.set(key, value);
            acked.put(key, value);
            failures = 0;
            LockSupport.parkNanos(PACE_NANOS);
          } catch (RuntimeException notAcknowledged) {
            errors.incrementAndGet();
            failures++;
            pause();
          }
        }
      } catch (RuntimeException cannotConnect) {
        errors.incrementAndGet();
        pause();
      }
    }
  }

  private interface Writes extends AutoCloseable {
    void set(String key, String value);

    @Override
    void close();
  }

  private static Writes open(Target target, int attempt) {
    if (target instanceof Target.Cluster c) {
      RedisClusterClient client = RedisClusterClient.builder().nodes(c.seeds())
          .clientConfig(c.logins().get(attempt % c.logins().size()))
          .maxAttempts(3).maxTotalRetriesDuration(Duration.ofSeconds(2)).build();
      return new Writes() {
        public void set(String key, String value) {
          client.set(key, value);
        }

        public void close() {
          client.close();
        }
      };
    }
    Target.Group g = (Target.Group) target;
    int pick = attempt % (g.nodes().size() * g.logins().size());
    Jedis jedis = new Jedis(g.nodes().get(pick % g.nodes().size()), g.logins().get(pick / g.nodes().size()));
    return new Writes() {
      public void set(String key, String value) {
        jedis.set(key, value); // a replica answers READONLY: not acknowledged
      }

      public void close() {
        jedis.close();
      }
    };
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every acknowledged key with its value (a snapshot). */
  Map<String, String> acknowledged() {
    return Map.copyOf(acked);
  }

  long errors() {
    return errors.get();
  }

  @Override
  public void close() {
    stop.set(true);
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new IllegalStateException("writer " + prefix + " did not stop within 15 s");
    }
  }
}
