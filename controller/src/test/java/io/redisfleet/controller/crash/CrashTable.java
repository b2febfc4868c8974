package io.redisfleet.controller.crash;

import java.util.ArrayList;
import java.util.List;

/** Operation x crash point -> outcome, printed as one table; knows which cells failed. */
final class CrashTable {

  /** One cell: an operation killed at one point, then recovered and checked. */
  record Cell(String operation, String point, boolean passed, String outcome) {}

  private final List<Cell> cells = new ArrayList<>();

  synchronized void add(Cell cell) {
    cells.add(cell);
    System.out.println("crash cell: " + render(cell));
  }

  synchronized List<Cell> failed(String operation) {
    return cells.stream().filter(c -> c.operation().equals(operation) && !c.passed()).toList();
  }

  /** The passed cells of {@code operation} killed inside a slot move that needed more than one apply. */
  synchronized List<Cell> slowInsideMoves(String operation) {
    return cells.stream().filter(c -> c.operation().equals(operation) && c.passed() && c.point().startsWith("in ")
        && !c.outcome().startsWith("converged in 1 apply")).toList();
  }

  synchronized String render() {
    StringBuilder b = new StringBuilder(String.format("%n%-22s %-44s %s%n", "OPERATION", "CRASH POINT", "OUTCOME"));
    cells.forEach(c -> b.append(render(c)).append('\n'));
    long failed = cells.stream().filter(c -> !c.passed()).count();
    b.append(String.format("%d cell(s), %d failed%n", cells.size(), failed));
    return b.toString();
  }

  private static String render(Cell c) {
    return String.format("%-22s %-44s %s", c.operation(), c.point(), c.outcome());
  }
}
