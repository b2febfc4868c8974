package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What an e2e class does when this machine lacks something it needs (root, a tool). When the
 * suite is demanded — Maven runs the *E2E classes only with -De2e=true, which scripts/test.sh
 * passes for RFE2E=1 and, by default, as root — a missing piece is a failure that names it, so a
 * demanded suite can never pass by skipping itself. Run by hand (an IDE) it is a skip with the reason.
 */
final class E2eGate {

  /** Set by the e2e profile (e2e/pom.xml) for the failsafe JVM; -De2e=true counts too. */
  static final String DEMANDED = "redisfleet.e2e.demanded";

  enum Verdict { RUN, SKIP, FAIL }

  private E2eGate() {}

  static boolean demanded() {
    return Boolean.getBoolean(DEMANDED) || Boolean.getBoolean("e2e");
  }

  /** {@code missing} is empty when nothing is missing, otherwise what is and how to get it. */
  static Verdict decide(String missing, boolean demanded) {
    return missing.isEmpty() ? Verdict.RUN : demanded ? Verdict.FAIL : Verdict.SKIP;
  }

  static String message(String missing, boolean demanded) {
    return demanded
        ? "e2e demanded (-De2e=true: RFE2E=1, or scripts/test.sh as root) but " + missing
        : "e2e skipped (not demanded): " + missing;
  }

  /** Returns when the class can run; otherwise fails (demanded) or aborts it (not demanded). */
  static void require(String missing) {
    boolean demanded = demanded();
    switch (decide(missing, demanded)) {
      case RUN -> { }
      case FAIL -> fail(message(missing, true));
      case SKIP -> Assumptions.abort(message(missing, false));
    }
  }
}
