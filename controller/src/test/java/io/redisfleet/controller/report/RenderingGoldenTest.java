package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** Every schema is compared (and, with -Dgolden.update, rewritten) even when an earlier one fails. */
  @Test
  void jsonSchemas() {
    Recap recap = Recap.of(Samples.inventory(), Samples.results(), Samples.observation());
    assertAll(
        () -> schema("apply", Json.apply("1a2b3c4d", recap, Samples.results(), Samples.problems(), false,
            Optional.of(Samples.preflight()))),
        () -> schema("plan", Json.plan(new Plan(List.of(Samples.apply("h1", 6380)),
            List.of(new Problem(Problem.Scope.host("h3"), Problem.Code.HOST_UNREACHABLE, "x")), List.of("cluster main: formation"), List.of("h3"),
            List.of(new Problem(Problem.Scope.host("h1"), Problem.Code.DIRECTIVES_UNREAD, "could not read the directives"))))),
        // live master and replica, a down node, an unreachable host, and a node refusing writes
        () -> schema("status", Json.status(java.util.stream.Stream.concat(
            StatusRow.of(Samples.statusInventory(), Samples.statusObservation()).stream(),
            StatusRow.of(Samples.inventory(), Samples.troubledObservation()).stream()
                .filter(r -> !r.persistenceErrors().isEmpty())).toList())),
        () -> schema("validate", Json.validate("fleet.conf", Optional.empty(),
            List.of(new InventoryError("fleet.conf", 3, "hosts.h1.address: missing")),
            List.of("cluster main cannot survive losing host h1: 2 of 3 masters there"))),
        () -> schema("verify", Json.verify(true, List.of("cluster main: wrote 3 keys"))),
        () -> schema("destroy", Json.destroy(Samples.results(), List.of(new Problem(Problem.Scope.node(new io.redisfleet.controller.model.NodeRef("h1", 6380)), Problem.Code.HOLDS_KEYS, "holds 3 keys")), false)),
        () -> schema("preflight", Json.preflight(Samples.preflight())),
        () -> schema("error", Json.error("could not take the fleet lock, nothing was changed: ...", true)),
        () -> schema("failure", Json.failure(Failure.inventory("fleet.conf",
            List.of(new InventoryError("fleet.conf", 3, "hosts.h1.address: missing"))))));
  }

  /** The live rows of the status sample carry what a live master and a live replica report. */
  @Test
  void statusOfLiveMasterAndReplica() {
    JsonObject json = JsonParser.parseString(
        Json.status(StatusRow.of(Samples.statusInventory(), Samples.statusObservation()))).getAsJsonObject();
    Map<String, JsonObject> rows = new HashMap<>();
    json.getAsJsonArray("nodes").forEach(n -> rows.put(
        n.getAsJsonObject().get("host").getAsString() + ":" + n.getAsJsonObject().get("port").getAsInt(),
        n.getAsJsonObject()));
    JsonObject master = rows.get("h1:7000");
    assertEquals("master", master.get("role").getAsString());
    assertTrue(master.get("master").isJsonNull(), master.toString());
    assertEquals(10922, master.get("slots").getAsInt());
    assertEquals(12, master.get("keys").getAsLong());
    assertEquals(1_048_576, master.get("usedMemory").getAsLong());
    assertEquals("ok", master.get("clusterState").getAsString());
    assertTrue(master.get("linkStatus").isJsonNull(), master.toString());
    assertEquals("ok", master.get("health").getAsString());
    JsonObject replica = rows.get("h2:6381");
    assertEquals("replica", replica.get("role").getAsString());
    assertEquals("h1:6380", replica.get("master").getAsString(), "the inventory's name, not Redis's address");
    assertEquals(0, replica.get("slots").getAsInt());
    assertTrue(replica.get("clusterState").isJsonNull(), replica.toString());
    assertEquals("up", replica.get("linkStatus").getAsString());
    assertEquals("ok", replica.get("health").getAsString());
    assertEquals("down", rows.get("h2:7001").get("role").getAsString());
    assertEquals("host unreachable", rows.get("h3:6390").get("health").getAsString());
    assertFalse(json.get("healthy").getAsBoolean());
  }

  private static void schema(String name, String json) throws IOException {
    TreeSet<String> paths = new TreeSet<>();
    walk("", JsonParser.parseString(json), paths::add);
    // an empty array is fine in one row as long as another row shows its elements' shape
    paths.stream().filter(p -> p.endsWith(" empty-array")).forEach(p -> {
      String field = p.substring(0, p.indexOf(' '));
      assertTrue(paths.stream().anyMatch(q -> q.startsWith(field + "[] ")), "sample for " + field + " must not be empty");
    });
    paths.removeIf(p -> p.endsWith(" empty-array"));
    Golden.check("json/" + name + ".txt", String.join("\n", paths) + "\n");
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
      boolean keyed = path.endsWith("hosts") || path.endsWith("fixed")
          || path.endsWith("kernel_settings");
      for (String key : o.keySet()) {
        walk(path + (path.isEmpty() ? "" : ".") + (keyed ? "*" : key), o.get(key), out);
      }
      if (!path.isEmpty()) {
        out.accept(path + " object");
      }
    } else if (e.isJsonArray()) {
      if (e.getAsJsonArray().isEmpty()) {
        out.accept(path + " empty-array");
      }
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
