package io.redisfleet.agent.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfDiffTest {

  private static final String BASE = String.join("\n",
      "# managed by redis-fleet, do not edit", "port 7000", "bind 127.0.0.1", "cluster-enabled yes",
      "save 900 1", "save 300 10", "maxmemory 100mb", "") ;

  @Test
  void identicalTextsAndCommentsOrSpacingDoNotDiffer() {
    assertTrue(ConfDiff.between(BASE, BASE).isEmpty());
    String reformatted = BASE.replace("# managed", "#   other comment\n\n# managed").replace("port 7000", "port   \"7000\"");
    assertTrue(ConfDiff.between(BASE, reformatted).isEmpty());
  }

  @Test
  void liveSettableChangeIsLiveWithItsConfigSetValue() {
    ConfDiff diff = ConfDiff.between(BASE, BASE.replace("maxmemory 100mb", "maxmemory 200mb"));
    assertEquals(List.of("maxmemory"), diff.names());
    assertTrue(diff.allLive());
    assertEquals("200mb", diff.changes().get(0).configSetValue());
  }

  @Test
  void repeatedDirectiveJoinsAllOccurrences() {
    ConfDiff diff = ConfDiff.between(BASE, BASE.replace("save 300 10", "save 60 10000"));
    assertEquals(List.of("save"), diff.names());
    assertEquals("900 1 60 10000", diff.changes().get(0).configSetValue());
    assertTrue(diff.allLive());
  }

  @Test
  void addedLiveDirectiveIsLive() {
    ConfDiff diff = ConfDiff.between(BASE, BASE + "repl-diskless-sync-delay 0\n");
    assertEquals(List.of("repl-diskless-sync-delay"), diff.names());
    assertTrue(diff.allLive());
  }

  @Test
  void removedLiveDirectiveNeedsRestart() {
    ConfDiff diff = ConfDiff.between(BASE, BASE.replace("maxmemory 100mb\n", ""));
    assertEquals(List.of("maxmemory"), diff.names());
    assertFalse(diff.allLive());
  }

  @Test
  void removedPasswordsAreClearedLive() {
    String auth = "masterauth secret\nrequirepass secret\n";
    ConfDiff diff = ConfDiff.between(BASE + auth, BASE);
    assertEquals(List.of("masterauth", "requirepass"), diff.names());
    assertTrue(diff.allLive());
    assertEquals("", diff.changes().get(1).configSetValue());
  }

  @Test
  void portBindAndClusterEnabledNeedRestart() {
    for (String[] change : new String[][] {{"port 7000", "port 7001"}, {"bind 127.0.0.1", "bind 127.0.0.1 10.0.0.5"},
        {"cluster-enabled yes", "cluster-enabled no"}}) {
      ConfDiff diff = ConfDiff.between(BASE, BASE.replace(change[0], change[1]));
      assertEquals(1, diff.changes().size(), change[1]);
      assertFalse(diff.allLive(), change[1]);
    }
  }

  @Test
  void mixedChangeIsNotAllLiveButListsEveryName() {
    ConfDiff diff = ConfDiff.between(BASE, BASE.replace("maxmemory 100mb", "maxmemory 1gb") + "io-threads 4\n");
    assertEquals(List.of("maxmemory", "io-threads"), diff.names());
    assertTrue(diff.changes().get(0).live());
    assertFalse(diff.changes().get(1).live());
    assertFalse(diff.allLive());
  }
}
