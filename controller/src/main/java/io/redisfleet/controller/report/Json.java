package io.redisfleet.controller.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.inventory.InventoryError;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Problem;
import io.redisfleet.controller.plan.Step;
import io.redisfleet.controller.preflight.Finding;
import io.redisfleet.controller.preflight.PreflightReport;
import java.util.List;
import java.util.Optional;

/** The {@code --json} documents of the README's contract (docs/json.md) (fields may be added, never renamed). */
public final class Json {

  private Json() {}

  /** apply's document with the run id, the rollout stop reason and the preflight findings. */
  public static String apply(String runId, Recap recap, List<StepResult> results, List<Problem> problems,
      boolean converged, Optional<PreflightReport> preflight) {
    JsonObject root = applyObject(recap, results, problems, converged);
    root.addProperty("runId", runId);
    root.add("preflight", preflight.<com.google.gson.JsonElement>map(Json::preflightObject).orElse(JsonNull.INSTANCE));
    return print(root);
  }

  private static JsonObject applyObject(Recap recap, List<StepResult> results, List<Problem> problems,
      boolean converged) {
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
      o.addProperty("notAttempted", h.notAttempted());
      hosts.add(name, o);
    });
    root.add("hosts", hosts);
    root.addProperty("unreachable", recap.unreachable());
    root.addProperty("notAttempted", recap.notAttempted());
    JsonArray steps = new JsonArray();
    results.forEach(r -> steps.add(result(r)));
    root.add("steps", steps);
    root.add("problems", problems(problems));
    root.add("problemDetails", problemDetails(problems));
    root.addProperty("converged", converged);
    return root;
  }

  /** A command that could not run: {"error":"...","locked":true or false}. */
  public static String error(String message, boolean locked) {
    JsonObject root = new JsonObject();
    root.addProperty("error", message);
    root.addProperty("locked", locked);
    return print(root);
  }

  /**
   * A command that stopped before its own document: {"error":{"kind","message","file","line"},
   * "errors":[…]} (file and line null when not known; errors: the inventory's, else empty).
   */
  public static String failure(Failure failure) {
    JsonObject error = new JsonObject();
    error.addProperty("kind", failure.kind().code());
    error.addProperty("message", failure.message());
    error.add("file", string(failure.file()));
    error.add("line", failure.line() > 0 ? new com.google.gson.JsonPrimitive(failure.line()) : JsonNull.INSTANCE);
    JsonObject root = new JsonObject();
    root.add("error", error);
    root.add("errors", inventoryErrors(failure.errors()));
    return print(root);
  }

  public static String preflight(PreflightReport report) {
    return print(preflightObject(report));
  }

  private static JsonObject preflightObject(PreflightReport report) {
    JsonObject root = new JsonObject();
    // ok agrees with preflight's exit code; blocking: the errors that make apply refuse (hosts that answered)
    root.addProperty("ok", report.errors() == 0);
    root.addProperty("errors", report.errors());
    root.addProperty("blocking", report.blocking().size());
    root.addProperty("warnings", report.warnings());
    JsonArray findings = new JsonArray();
    for (Finding f : report.findings()) {
      JsonObject o = new JsonObject();
      o.addProperty("host", f.host());
      o.addProperty("check", f.check());
      o.addProperty("severity", f.severity());
      o.addProperty("observed", f.observed());
      o.addProperty("expected", f.expected());
      o.addProperty("fix", f.fix());
      o.addProperty("sysctl", f.sysctl());
      findings.add(o);
    }
    root.add("findings", findings);
    JsonObject fixed = new JsonObject();
    report.fixed().forEach((host, applied) -> {
      JsonArray a = new JsonArray();
      applied.forEach(a::add);
      fixed.add(host, a);
    });
    root.add("fixed", fixed);
    JsonObject kernel = new JsonObject();
    report.kernelSettings().forEach(kernel::addProperty);
    root.add("kernel_settings", kernel);
    JsonArray unreachable = new JsonArray();
    report.unreachable().stream().sorted().forEach(unreachable::add);
    root.add("unreachable", unreachable);
    return root;
  }

  /** {@code topology}: findings of the topology analysis (errors under --strict, else warnings). */
  public static String validate(String file, Optional<Inventory> inventory, List<InventoryError> errors,
      List<String> topology) {
    JsonObject root = new JsonObject();
    root.addProperty("file", file);
    root.addProperty("valid", inventory.isPresent());
    root.addProperty("hosts", inventory.map(i -> i.hosts().size()).orElse(0));
    root.addProperty("nodes", inventory.map(i -> i.desiredNodes().size()).orElse(0));
    root.add("errors", inventoryErrors(errors));
    JsonArray t = new JsonArray();
    topology.forEach(t::add);
    root.add("topology", t);
    return print(root);
  }

  private static JsonArray inventoryErrors(List<InventoryError> errors) {
    JsonArray a = new JsonArray();
    for (InventoryError e : errors) {
      JsonObject o = new JsonObject();
      o.addProperty("file", e.file());
      o.addProperty("line", e.line());
      o.addProperty("message", e.message());
      a.add(o);
    }
    return a;
  }

  public static String verify(boolean ok, List<String> lines) {
    JsonObject root = new JsonObject();
    root.addProperty("ok", ok);
    JsonArray a = new JsonArray();
    lines.forEach(a::add);
    root.add("lines", a);
    return print(root);
  }

  public static String destroy(List<StepResult> results, List<Problem> problems, boolean ok) {
    JsonObject root = new JsonObject();
    root.addProperty("ok", ok);
    root.addProperty("removed", results.stream().filter(r -> r instanceof StepResult.Done d && d.changed()).count());
    JsonArray steps = new JsonArray();
    results.forEach(r -> steps.add(result(r)));
    root.add("steps", steps);
    root.add("problems", problems(problems));
    root.add("problemDetails", problemDetails(problems));
    return print(root);
  }

  public static String plan(Plan plan) {
    JsonObject root = new JsonObject();
    JsonArray steps = new JsonArray();
    plan.steps().forEach(s -> steps.add(step(s)));
    root.add("steps", steps);
    root.add("problems", problems(plan.problems()));
    root.add("problemDetails", problemDetails(plan.problems()));
    root.add("warnings", problems(plan.warnings()));
    JsonArray deferred = new JsonArray();
    plan.deferred().forEach(deferred::add);
    root.add("deferred", deferred);
    root.addProperty("changes", plan.hasChanges());
    root.addProperty("incomplete", plan.incomplete());
    JsonArray unreachable = new JsonArray();
    plan.unreachableHosts().forEach(unreachable::add);
    root.add("unreachableHosts", unreachable);
    return print(root);
  }

  public static String status(List<StatusRow> rows) {
    return print(statusObject(rows));
  }

  /**
   * Status with each cluster's observed survivability: {@code "survivability":[{"cluster","anyOneHost",
   * "anyOneFailureDomain","why"}]}, the booleans null when not known.
   */
  public static String status(List<StatusRow> rows, List<io.redisfleet.controller.plan.Survivability> survivability) {
    JsonObject root = statusObject(rows);
    JsonArray clusters = new JsonArray();
    for (var s : survivability) {
      JsonObject o = new JsonObject();
      o.addProperty("cluster", s.cluster());
      o.add("anyOneHost", s.anyOneHost().map(b -> (JsonElement) new JsonPrimitive(b)).orElse(JsonNull.INSTANCE));
      o.add("anyOneFailureDomain", s.anyOneDomain().map(b -> (JsonElement) new JsonPrimitive(b))
          .orElse(JsonNull.INSTANCE));
      o.addProperty("why", s.why());
      clusters.add(o);
    }
    root.add("survivability", clusters);
    return print(root);
  }

  private static JsonObject statusObject(List<StatusRow> rows) {
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
      o.addProperty("orphan", r.orphan());
      JsonArray persistence = new JsonArray();
      r.persistenceErrors().forEach(persistence::add);
      o.add("persistenceErrors", persistence);
      o.add("refusesWrites", string(r.refusesWrites()));
      o.addProperty("maxMemory", r.maxMemory());
      nodes.add(o);
    }
    JsonObject root = new JsonObject();
    root.add("nodes", nodes);
    root.addProperty("healthy", rows.stream().allMatch(StatusRow::healthy));
    return root;
  }

  private static JsonObject step(Step s) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", s.kind());
    o.addProperty("host", s.node().host());
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
    } else if (r instanceof StepResult.Skipped s) {
      o.addProperty("result", "skipped");
      o.addProperty("detail", s.why());
      o.addProperty("cause", s.cause().name());
    }
    o.addProperty("ms", r.took().toMillis());
    return o;
  }

  private static JsonArray problems(List<Problem> problems) {
    JsonArray a = new JsonArray();
    problems.forEach(p -> a.add(p.toString()));
    return a;
  }

  /** The same problems typed: {@code {scope: {kind, name}, code, message}} (added beside the strings). */
  private static JsonArray problemDetails(List<Problem> problems) {
    JsonArray a = new JsonArray();
    for (Problem p : problems) {
      JsonObject scope = new JsonObject();
      scope.addProperty("kind", p.scope().kind().name().toLowerCase(java.util.Locale.ROOT));
      scope.addProperty("name", p.scope().name());
      JsonObject o = new JsonObject();
      o.add("scope", scope);
      o.addProperty("code", p.code().name());
      o.addProperty("message", p.message());
      a.add(o);
    }
    return a;
  }

  private static com.google.gson.JsonElement string(Optional<String> value) {
    return value.<com.google.gson.JsonElement>map(com.google.gson.JsonPrimitive::new).orElse(JsonNull.INSTANCE);
  }

  private static String print(JsonObject root) {
    return new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(root);
  }
}
