package io.redisfleet.controller.crash;

/**
 * Where the suite SIGKILLs the controller, counted in the step lines of its plain progress
 * output (one line per finished step, all rounds).
 */
sealed interface KillPoint {

  /** The table's name for the crash point. */
  String label();

  /** Kill once {@code done} step lines are out: step {@code done + 1} (of {@code total}) is next or in flight. */
  record AfterSteps(int done, int total, String lastKind) implements KillPoint {
    public String label() {
      return done == 0 ? "0/" + total + " (at start)" : done + "/" + total + " after " + lastKind;
    }
  }

  /**
   * Kill while the {@code index}-th step (1-based), a slot move from {@code source}, is in flight:
   * once its source reports a slot open ({@code [slot->-id]}), i.e. keys are half moved.
   */
  record DuringMove(int index, int total, int source) implements KillPoint {
    public String label() {
      return "in " + index + "/" + total + " migrate-slots (slot open)";
    }
  }
}
