package io.redisfleet.controller.model;

/** A network address of a Redis node: the host's inventory address and the node's port. */
public record Endpoint(String host, int port) {

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
