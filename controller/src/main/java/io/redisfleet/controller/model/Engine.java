package io.redisfleet.controller.model;

import java.util.Locale;
import java.util.Optional;

/** The server a cluster or group runs: Redis, or its fork Valkey (same protocol and conf). */
public enum Engine {
  REDIS, VALKEY;

  /** The name in the inventory, in the agent's facts and on the wire: "redis" or "valkey". */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Engine> ofWireName(String name) {
    for (Engine e : values()) {
      if (e.wireName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
