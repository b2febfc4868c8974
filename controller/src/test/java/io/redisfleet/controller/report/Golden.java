package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. A mismatch fails with both texts; run with
 * {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
public final class Golden {

  private static final Path ROOT = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void check(String name, String actual) throws IOException {
    Path file = ROOT.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      return;
    }
    assertEquals(Files.readString(file), actual, "golden " + file + " (rerun with -Dgolden.update=true if intended)");
  }
}
