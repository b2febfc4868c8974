package io.redisfleet.controller.model;

import java.util.Comparator;
import io.redisfleet.contract.Ports;
import java.util.Objects;

/** A node as the inventory names it: inventory host name and port, written {@code host:port}. */
public record NodeRef(String host, int port) implements Comparable<NodeRef> {

  private static final Comparator<NodeRef> ORDER =
      Comparator.comparing(NodeRef::host).thenComparingInt(NodeRef::port);

  public NodeRef {
    Objects.requireNonNull(host, "host");
    if (!Ports.valid(port)) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public int compareTo(NodeRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
