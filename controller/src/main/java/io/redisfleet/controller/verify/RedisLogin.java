package io.redisfleet.controller.verify;

import io.redisfleet.controller.model.RedisAuth;
import io.redisfleet.controller.model.RedisTls;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;

/**
 * The controller's client settings towards a cluster's or group's nodes: its login and, for TLS
 * nodes, TLS that trusts only the fleet CA, checks the node's address against its certificate
 * and presents the controller's own client certificate (tls-auth-clients yes).
 */
final class RedisLogin {

  private RedisLogin() {}

  static JedisClientConfig config(Optional<RedisAuth> auth, Optional<RedisTls> tls) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2000).socketTimeoutMillis(5000).clientName("redis-fleet-controller");
    auth.ifPresent(a -> {
      a.loginUser().ifPresent(b::user);
      b.password(a.password().reveal());
    });
    tls.ifPresent(t -> {
      SSLParameters checkAddress = new SSLParameters();
      checkAddress.setEndpointIdentificationAlgorithm("HTTPS"); // the host address is a subjectAltName
      b.ssl(true).sslSocketFactory(RedisTlsContext.socketFactory(t)).sslParameters(checkAddress);
    });
    return b.build();
  }
}
