package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. A mismatch fails with both texts; run with
 * {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 * A run that rewrites always fails, so the flag can never turn a build (CI's included) green: a
 * passing run is one that compared every golden.
 */
public final class Golden {

  static final String UPDATE = "golden.update";
  private static final Path ROOT = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void check(String name, String actual) throws IOException {
    check(ROOT, name, actual, Boolean.getBoolean(UPDATE));
  }

  static void check(Path root, String name, String actual, boolean update) throws IOException {
    Path file = root.resolve(name);
    if (update) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      fail("golden " + file + " rewritten; rerun without -D" + UPDATE + " (and review the diff)");
    }
    assertEquals(Files.readString(file), actual, "golden " + file + " (rerun with -D" + UPDATE + "=true if intended)");
  }
}
