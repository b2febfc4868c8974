package io.redisfleet.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** apply --watch's pause between rounds and its --interval parsing. */
class WatchLoopTest {

  @Test
  void pauseDoublesAfterEachFailedRoundUpToTheCapAndResets() {
    Duration s30 = Duration.ofSeconds(30);
    assertEquals(s30, WatchLoop.pause(s30, 0));
    assertEquals(Duration.ofSeconds(60), WatchLoop.pause(s30, 1));
    assertEquals(Duration.ofSeconds(240), WatchLoop.pause(s30, 3));
    assertEquals(WatchLoop.MAX_BACKOFF, WatchLoop.pause(s30, 4));
    assertEquals(WatchLoop.MAX_BACKOFF, WatchLoop.pause(s30, 1000));
  }

  @Test
  void anIntervalLongerThanTheCapIsItsOwnCap() {
    Duration hour = Duration.ofHours(1);
    assertEquals(hour, WatchLoop.pause(hour, 0));
    assertEquals(hour, WatchLoop.pause(hour, 5));
  }

  @Test
  void intervalsAreHoconDurations() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofSeconds(30), c.convert("30s"));
    assertEquals(Duration.ofMillis(1500), c.convert("1500ms"));
    assertEquals(Duration.ofMinutes(2), c.convert("2m"));
    for (String bad : new String[] {"0s", "-1s", "soon"}) {
      try {
        c.convert(bad);
        throw new AssertionError(bad + " accepted");
      } catch (TypeConversionException e) {
        assertTrue(e.getMessage().contains("not a positive duration"), e.getMessage());
      }
    }
  }
}
