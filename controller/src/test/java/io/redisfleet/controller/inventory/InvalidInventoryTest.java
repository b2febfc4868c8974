package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed inventories: each {@code invalid/NAME.conf} must fail with exactly the
 * lines of {@code invalid/NAME.expected} ({@code FILE:LINE: message}, FILE relative to invalid/).
 * Files named {@code *.inc} are only included by others.
 */
class InvalidInventoryTest {

  static final Path DIR = Path.of("src/test/resources/inventory/invalid");

  /** The environment the corpus is loaded with: fixed, never the process's own. */
  static final Map<String, String> ENV = Map.of(
      "HOME", "/home/tester",
      "BAD_ADDRESS", "10.0.0.1\nbind 0.0.0.0");

  static Stream<String> inventories() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length()))
          .sorted().toList();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inventories")
  void reportsExactlyTheExpectedErrors(String name) throws IOException {
    InvalidInventoryException e = assertThrows(InvalidInventoryException.class,
        () -> InventoryLoader.load(DIR.resolve(name + ".conf"), ENV));
    List<String> actual = e.errors().stream()
        .map(error -> error.toString().replace(DIR + "/", ""))
        .toList();
    List<String> expected = Files.readAllLines(DIR.resolve(name + ".expected")).stream()
        .filter(line -> !line.isBlank())
        .toList();
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }
}
