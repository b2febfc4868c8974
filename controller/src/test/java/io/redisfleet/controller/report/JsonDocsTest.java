package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/json.md's step kinds, reason codes and skip causes are exactly what the code emits: a
 * kind, reason or cause added to the code without its line in the docs (or left in the docs
 * after it is gone) fails here.
 */
class JsonDocsTest {

  private static final Path DOCS = Path.of("../docs/json.md");
  private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  @Test
  void stepKindsTableIsExactlyTheKindsOfTheCode() throws Exception {
    assertEquals(codeKinds(), firstColumn("### Step kinds"));
  }

  @Test
  void reasonCodesTableIsExactlyTheReasonEnum() throws IOException {
    Set<String> code = Arrays.stream(Reason.Code.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(code, firstColumn("### Reason codes"));
  }

  @Test
  void skipCausesRowNamesExactlyTheCauseEnum() throws IOException {
    String row = Files.readString(DOCS).lines().filter(l -> l.startsWith("| `steps[].cause` |")).findFirst().orElseThrow();
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Z_]+)`").matcher(row);
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> code = Arrays.stream(StepResult.Skipped.Cause.values()).map(Enum::name)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(code, documented);
  }

  /** The first cells of the table under {@code heading}, up to the next heading. */
  private static Set<String> firstColumn(String heading) throws IOException {
    String docs = Files.readString(DOCS);
    int start = docs.indexOf("\n" + heading + "\n");
    assertFalse(start < 0, "docs/json.md has no section " + heading);
    int end = docs.indexOf("\n#", start + heading.length() + 2);
    String section = docs.substring(start, end < 0 ? docs.length() : end);
    Set<String> cells = new TreeSet<>();
    Matcher m = FIRST_CELL.matcher(section);
    while (m.find()) {
      cells.add(m.group(1));
    }
    return cells;
  }

  /**
   * Every kind() of every Step record: each record is built with placeholder components (each
   * value of an enum component in turn, since a kind may depend on one, as a password phase does).
   */
  private static Set<String> codeKinds() throws Exception {
    Set<String> kinds = new TreeSet<>();
    for (Class<?> type : Step.class.getPermittedSubclasses()) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      int enumAt = -1;
      for (int i = 0; i < types.length; i++) {
        if (types[i].isEnum()) {
          enumAt = i;
        }
      }
      List<?> variants = enumAt < 0 ? List.of("") : List.of(types[enumAt].getEnumConstants());
      for (Object variant : variants) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
          args[i] = i == enumAt ? variant : placeholder(types[i]);
        }
        kinds.add(((Step) canonical.newInstance(args)).kind());
      }
    }
    return kinds;
  }

  private static Object placeholder(Class<?> type) {
    if (type == List.class) {
      return List.of();
    }
    if (type == Optional.class) {
      return Optional.empty();
    }
    if (type == String.class) {
      return "x";
    }
    if (type == Duration.class) {
      return Duration.ZERO;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }
}
