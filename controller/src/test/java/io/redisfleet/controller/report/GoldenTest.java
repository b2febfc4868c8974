package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -Dgolden.update rewrites a golden and still fails: it can never make a build pass. */
class GoldenTest {

  @TempDir Path root;

  @Test
  void updateRewritesTheFileAndFails() throws IOException {
    Files.writeString(root.resolve("a.txt"), "old\n");
    AssertionError e = assertThrows(AssertionError.class,
        () -> Golden.check(root, "a.txt", "new\n", true));
    assertEquals("new\n", Files.readString(root.resolve("a.txt")));
    assertTrue(e.getMessage().contains("rewritten; rerun without -Dgolden.update"), e.getMessage());
  }

  @Test
  void updateFailsEvenWhenNothingChanged() throws IOException {
    Files.writeString(root.resolve("a.txt"), "same\n");
    assertThrows(AssertionError.class, () -> Golden.check(root, "a.txt", "same\n", true));
  }

  @Test
  void updateCreatesAMissingGoldenAndItsDirectory() {
    assertThrows(AssertionError.class, () -> Golden.check(root, "json/new.txt", "x\n", true));
    assertTrue(Files.exists(root.resolve("json/new.txt")));
  }

  @Test
  void withoutUpdateAMatchPassesAndAMismatchFailsLeavingTheFile() throws IOException {
    Files.writeString(root.resolve("a.txt"), "old\n");
    Golden.check(root, "a.txt", "old\n", false);
    assertThrows(AssertionError.class, () -> Golden.check(root, "a.txt", "new\n", false));
    assertEquals("old\n", Files.readString(root.resolve("a.txt")));
  }
}
