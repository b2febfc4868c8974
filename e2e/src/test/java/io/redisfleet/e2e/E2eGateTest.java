package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gate's decision alone (the *E2E classes themselves run only with -De2e=true, as root). */
class E2eGateTest {

  @Test
  void nothingMissingRunsWhetherDemandedOrNot() {
    assertEquals(E2eGate.Verdict.RUN, E2eGate.decide("", true));
    assertEquals(E2eGate.Verdict.RUN, E2eGate.decide("", false));
  }

  @Test
  void somethingMissingFailsWhenDemandedAndSkipsOtherwise() {
    String missing = "/usr/bin/systemd-nspawn missing (apt-get install -y systemd-container debootstrap)";
    assertEquals(E2eGate.Verdict.FAIL, E2eGate.decide(missing, true));
    assertEquals(E2eGate.Verdict.SKIP, E2eGate.decide(missing, false));
  }

  @Test
  void theFailureNamesWhatIsMissingAndWhyItWasDemanded() {
    String message = E2eGate.message("/usr/bin/lintian missing (apt-get install -y lintian)", true);
    assertTrue(message.contains("/usr/bin/lintian missing"), message);
    assertTrue(message.contains("-De2e=true"), message);
  }
}
