package io.redisfleet.controller.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Problem;
import io.redisfleet.controller.plan.Step;
import java.util.List;
import java.util.Optional;

/** The {@code --json} documents of DESIGN.md's contract (fields may be added, never renamed). */
public final class Json {

  private Json() {}

  public static String apply(Recap recap, List<StepResult> results, List<Problem> problems, boolean converged) {
    JsonObject root = new JsonObject();
    root.addProperty("ok", recap.ok());
    root.addProperty("changed", recap.changed());
    root.addProperty("failed", recap.failed());
    JsonObject hosts = new JsonObject();
    recap.hosts().forEach((name, h) -> {
      JsonObject o = new JsonObject();
      o.addProperty("ok", h.ok());
      o.addProperty("changed", h.changed());
      o.addProperty("failed", h.failed());
      o.addProperty("unreachable", h.unreachable());
      hosts.add(name, o);
    });
    root.add("hosts", hosts);
    JsonArray steps = new JsonArray();
    results.forEach(r -> steps.add(result(r)));
    root.add("steps", steps);
    root.add("problems", problems(problems));
    root.addProperty("converged", converged);
    return print(root);
  }

  public static String plan(Plan plan) {
    JsonObject root = new JsonObject();
    JsonArray steps = new JsonArray();
    plan.steps().forEach(s -> steps.add(step(s)));
    root.add("steps", steps);
    root.add("problems", problems(plan.problems()));
    JsonArray deferred = new JsonArray();
    plan.deferred().forEach(deferred::add);
    root.add("deferred", deferred);
    root.addProperty("changes", plan.hasChanges());
    return print(root);
  }

  public static String status(List<StatusRow> rows) {
    JsonArray nodes = new JsonArray();
    for (StatusRow r : rows) {
      JsonObject o = new JsonObject();
      o.addProperty("host", r.host());
      o.addProperty("port", r.port());
      o.addProperty("role", r.role());
      o.add("master", string(r.master()));
      o.addProperty("slots", r.slots());
      o.addProperty("keys", r.keys());
      o.addProperty("usedMemory", r.usedMemory());
      o.add("clusterState", string(r.clusterState()));
      o.add("linkStatus", string(r.linkStatus()));
      o.addProperty("health", r.health());
      nodes.add(o);
    }
    JsonObject root = new JsonObject();
    root.add("nodes", nodes);
    root.addProperty("healthy", rows.stream().allMatch(StatusRow::healthy));
    return print(root);
  }

  private static JsonObject step(Step s) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", s.kind());
    o.addProperty("node", s.node().toString());
    o.addProperty("reason", s.reason().code().name());
    o.addProperty("description", s.describe());
    return o;
  }

  private static JsonObject result(StepResult r) {
    JsonObject o = step(r.step());
    if (r instanceof StepResult.Done d) {
      o.addProperty("result", d.changed() ? "changed" : "ok");
      o.addProperty("detail", d.detail());
    } else if (r instanceof StepResult.Failed f) {
      o.addProperty("result", "failed");
      o.addProperty("detail", f.message());
    } else {
      o.addProperty("result", "skipped");
    }
    o.addProperty("ms", r.took().toMillis());
    return o;
  }

  private static JsonArray problems(List<Problem> problems) {
    JsonArray a = new JsonArray();
    problems.forEach(p -> a.add(p.toString()));
    return a;
  }

  private static com.google.gson.JsonElement string(Optional<String> value) {
    return value.<com.google.gson.JsonElement>map(com.google.gson.JsonPrimitive::new).orElse(JsonNull.INSTANCE);
  }

  private static String print(JsonObject root) {
    return new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(root);
  }
}
