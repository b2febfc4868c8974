package io.redisfleet.controller.crash;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A chain of states the fleet goes through, cell i taking it from {@code shape(i)} to
 * {@code shape(i + 1)}: operations alternate so that each cell leaves the state the next one
 * starts from (scale out then scale in, TLS on then off). An empty operation is a plain
 * transition (e.g. destroy after a create), not crashed and not in the table.
 */
record Scenario(List<Optional<String>> operations, IntFunction<Shape> shapes) {

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
