package io.redisfleet.controller.crash;

import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.verify.TestLogins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * How a client logs in to the nodes of one shape (its password, TLS with the controller's client
 * certificate), taken from the loaded inventory so the suite connects exactly as the controller.
 */
final class Access {

  private static final JedisClientConfig PLAIN = DefaultJedisClientConfig.builder()
      .connectionTimeoutMillis(2000).socketTimeoutMillis(3000).build();

  private final CrashHosts hosts;
  private final Optional<Inventory> inventory;

  private Access(CrashHosts hosts, Optional<Inventory> inventory) {
    this.hosts = hosts;
    this.inventory = inventory;
  }

  static Access of(CrashHosts hosts, Shape shape) throws Exception {
    if (shape.isEmpty()) {
      return new Access(hosts, Optional.empty());
    }
    Path view = hosts.dir.resolve("view.conf");
    Files.writeString(view, shape.render(hosts));
    if (shape.password().isPresent()) {
      Files.writeString(hosts.dir.resolve(shape.password().get() + ".pw"), shape.password().get());
    }
    // the test reads nodes as the operator who issued their certificates (pki issue redis) would
    return new Access(hosts, Optional.of(io.redisfleet.controller.app.IssuingLoader.load(view).inventory()));
  }

  JedisClientConfig config(int node) {
    return inventory.map(i -> TestLogins.of(i, ref(node))).orElse(PLAIN);
  }

  NodeRef ref(int node) {
    return new NodeRef(CrashHosts.host(node), hosts.ports.get(node));
  }

  HostAndPort endpoint(int node) {
    return new HostAndPort(CrashHosts.address(node), hosts.ports.get(node));
  }

  Jedis jedis(int node) {
    return new Jedis(endpoint(node), config(node));
  }
}
