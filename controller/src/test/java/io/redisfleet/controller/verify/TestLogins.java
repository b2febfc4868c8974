package io.redisfleet.controller.verify;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import redis.clients.jedis.JedisClientConfig;

/** Tests log in to a node exactly as the controller does (its password, its TLS client certificate). */
public final class TestLogins {

  private TestLogins() {}

  public static JedisClientConfig of(Inventory inventory, NodeRef node) {
    return RedisLogin.config(inventory.authOf(node), inventory.tlsOf(node));
  }
}
