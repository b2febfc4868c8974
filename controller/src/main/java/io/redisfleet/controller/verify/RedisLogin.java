package io.redisfleet.controller.verify;

import io.redisfleet.controller.model.RedisAuth;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;

/** The controller's client settings towards a cluster's or group's nodes, with its login. */
final class RedisLogin {

  private RedisLogin() {}

  static JedisClientConfig config(Optional<RedisAuth> auth) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2000).socketTimeoutMillis(5000).clientName("redis-fleet-controller");
    auth.ifPresent(a -> {
      a.loginUser().ifPresent(b::user);
      b.password(a.password().reveal());
    });
    return b.build();
  }
}
