package io.redisfleet.controller.crash;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A chain of states the fleet goes through, cell i taking it from {@code shape(i)} to
 * {@code shape(i + 1)}: operations alternate so that each cell leaves the state the next one
 * starts from (scale out then scale in, TLS on then off). An empty operation is a plain
 * transition (e.g. destroy after a create), not crashed and not in the table. A disturbance is
 * applied before each crashed cell's plan is read (the operation is the controller's answer to it).
 */
record Scenario(List<Optional<String>> operations, IntFunction<Shape> shapes, Optional<Disturbance> disturbance) {

  /** What happens to the fleet outside the controller before each crashed cell (a by-hand failover). */
  interface Disturbance {
    void apply(CrashHosts hosts, Shape shape) throws Exception;
  }

  Scenario(List<Optional<String>> operations, IntFunction<Shape> shapes) {
    this(operations, shapes, Optional.empty());
  }

  /** The state before cell {@code i}. */
  Shape shape(int i) {
    return shapes.apply(i);
  }

  Optional<String> operation(int cell) {
    return operations.get(cell % operations.size());
  }

  List<String> crashed() {
    return operations.stream().flatMap(Optional::stream).distinct().toList();
  }
}
