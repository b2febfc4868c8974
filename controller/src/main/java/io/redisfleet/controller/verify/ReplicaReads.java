package io.redisfleet.controller.verify;

import io.redisfleet.controller.model.Endpoint;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Reads a key from a replica until it has the expected value, within a bounded time. */
final class ReplicaReads {

  private static final long TIMEOUT_MILLIS = 10_000;

  private ReplicaReads() {}

  static boolean await(Endpoint replica, String key, String expected, boolean cluster,
      redis.clients.jedis.JedisClientConfig login) {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    try (Jedis jedis = new Jedis(new redis.clients.jedis.HostAndPort(replica.host(), replica.port()), login)) {
      if (cluster) {
        jedis.readonly(); // a cluster replica serves reads only after READONLY
      }
      while (System.currentTimeMillis() < deadline) {
        if (expected.equals(jedis.get(key))) {
          return true;
        }
        Thread.sleep(20);
      }
      return false;
    } catch (JedisException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
