package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;

/** One redis.conf directive: a name and its arguments ({@code save 900 1} has two). */
public record Directive(String name, List<String> args) {

  public Directive {
    Objects.requireNonNull(name, "name");
    args = List.copyOf(args);
  }

  public static Directive of(String name, String... args) {
    return new Directive(name, List.of(args));
  }

  @Override
  public String toString() {
    return name + " " + String.join(" ", args);
  }
}
