package io.redisfleet.controller.model;

import java.util.Objects;

/**
 * A secret value (a Redis password) read from a file or an environment variable. It prints as
 * {@code ***} everywhere: in plan output, JSON, logs and exception messages built from models.
 * Only {@link #reveal()} gives the value, for the one place it is sent (the agent, Redis AUTH).
 */
public final class Secret {

  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
