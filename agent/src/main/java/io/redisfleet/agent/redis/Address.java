package io.redisfleet.agent.redis;

/** A Redis node's address as another node reaches it. */
public record Address(String host, int port) {

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
