package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.redisfleet.controller.inventory.InventoryError;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The recap and every --json document, against golden files. JSON is compared as its schema
 * (each field's path and type), and every path must be documented in docs/json.md.
 */
class RenderingGoldenTest {

  private static final Path DOCS = Path.of("../docs/json.md");

  @Test
  void recap() throws IOException {
    Recap recap = Recap.of(Samples.inventory(), Samples.results(), Samples.observation());
    Golden.check("recap.txt", Text.recap(recap, Samples.results(), Samples.problems()));
  }

  @Test
  void plainProgressLines() throws IOException {
    StringBuilder b = new StringBuilder();
    Samples.results().forEach(r -> b.append(Text.result(r, LocalTime.of(13, 4, 5))).append('\n'));
    Golden.check("progress-plain.txt", b.toString());
  }

  @Test
  void preflightText() throws IOException {
    Golden.check("preflight.txt", Text.preflight(Samples.preflight()));
  }

  @Test
  void jsonSchemas() throws IOException {
    Recap recap = Recap.of(Samples.inventory(), Samples.results(), Samples.observation());
    schema("apply", Json.apply("1a2b3c4d", recap, Samples.results(), Samples.problems(), false,
        Optional.of(Samples.preflight())));
    schema("plan", Json.plan(new Plan(List.of(Samples.apply("h1", 6380)), List.of(new Problem("host h3", "x")),
        List.of("cluster main: formation"))));
    // the row of a node refusing writes (a sample array may not be empty)
    schema("status", Json.status(StatusRow.of(Samples.inventory(), Samples.troubledObservation()).stream()
        .filter(r -> !r.persistenceErrors().isEmpty()).toList()));
    schema("validate", Json.validate("fleet.conf", Optional.empty(),
        List.of(new InventoryError("fleet.conf", 3, "hosts.h1.address: missing")),
        List.of("cluster main cannot survive losing host h1: 2 of 3 masters there")));
    schema("verify", Json.verify(true, List.of("cluster main: wrote 3 keys")));
    schema("destroy", Json.destroy(Samples.results(), List.of(new Problem("h1:6380", "holds 3 keys")), false));
    schema("preflight", Json.preflight(Samples.preflight()));
    schema("error", Json.error("could not take the fleet lock, nothing was changed: ...", true));
  }

  private static void schema(String name, String json) throws IOException {
    TreeSet<String> paths = new TreeSet<>();
    walk("", JsonParser.parseString(json), paths::add);
    Golden.check("json/" + name + ".txt", String.join("\n", paths) + "\n");
    if (Boolean.getBoolean("golden.update")) {
      return;
    }
    String docs = Files.readString(DOCS);
    for (String p : paths) {
      String field = p.substring(0, p.indexOf(' '));
      assertTrue(docs.contains("`" + field + "`"), "docs/json.md does not document `" + field + "` of " + name);
    }
  }

  /** "steps[].result string", "hosts.*.ok number": maps keyed by host or node become "*". */
  private static void walk(String path, JsonElement e, Consumer<String> out) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      boolean keyed = path.endsWith("hosts") || path.endsWith("fixed");
      for (String key : o.keySet()) {
        walk(path + (path.isEmpty() ? "" : ".") + (keyed ? "*" : key), o.get(key), out);
      }
      if (!path.isEmpty()) {
        out.accept(path + " object");
      }
    } else if (e.isJsonArray()) {
      assertFalse(e.getAsJsonArray().isEmpty(), "sample for " + path + " must not be empty");
      e.getAsJsonArray().forEach(x -> walk(path + "[]", x, out));
      out.accept(path + " array");
    } else if (e.isJsonNull()) {
      out.accept(path + " null");
    } else {
      var p = e.getAsJsonPrimitive();
      out.accept(path + (p.isBoolean() ? " boolean" : p.isNumber() ? " number" : " string"));
    }
  }
}
