package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.Reconciler;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.plan.PlanOptions;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.preflight.PreflightReport;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.Progress;
import io.redisfleet.controller.report.Recap;
import io.redisfleet.controller.report.Text;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Converge the fleet to the inventory: write confs, start nodes, form clusters. Runs"
        + " preflight before the first change (not when there is none), holds the fleet lock while it runs.",
    footer = {"", "Examples:",
        "  controller apply inventory/local.conf",
        "  # a quarter of the hosts at a time; stop once more than one host failed",
        "  controller apply fleet.conf --batch 25%% --max-fail 1",
        "  # change only h1 and h2, report as JSON",
        "  controller apply fleet.conf --limit h1,h2 --json",
        "  # a crashed run's lock, taken over now instead of when it expires",
        "  controller apply fleet.conf --break-lock",
        "  # converge again every 30 s until SIGTERM (a systemd service, see docs/rollout.md)",
        "  controller apply fleet.conf --watch --interval 30s",
        "", "Exit: 0 converged, 1 failed (or the fleet is locked, or preflight found errors)."})
final class ApplyCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object (docs/json.md) instead of progress lines")
  boolean json;

  @Option(names = "--yes", description = "do not ask (apply never asks today; accepted for scripts)")
  boolean yes;

  @Option(names = "--skip-preflight", description = "do not check host settings and peer ports first")
  boolean skipPreflight;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|live|plain",
      description = "live per-host view on a terminal, plain timestamped lines otherwise (default ${DEFAULT-VALUE});"
          + " NO_COLOR turns colour off")
  String progress;

  @Option(names = "--force", description = "also drop data the plan otherwise refuses to: a node no inventory"
      + " declares any more that holds keys, a group master that cannot be handed over")
  boolean force;

  @Option(names = "--watch", description = "keep converging: observe, plan and apply again every --interval, under"
      + " the fleet lock for each round only; one log line per change, one per round that changed something;"
      + " SIGTERM/SIGINT stops it after the current step (exit 0)")
  boolean watch;

  @Option(names = "--interval", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
      description = "pause between --watch rounds (default ${DEFAULT-VALUE}); doubled after each failed round,"
          + " up to 5 minutes, reset by a converged round")
  java.time.Duration interval;

  @Mixin
  RolloutOptions rolloutOptions;

  @Mixin
  LockOptions lock;

  /** Apply issues missing or expiring Redis certificates; that alone reads ca.key. */
  @Override
  io.redisfleet.controller.pki.CertificateCustody custody() {
    return io.redisfleet.controller.pki.CertificateCustody.ISSUE;
  }

  @Override
  Optional<LockOptions> lockOptions() {
    return watch ? Optional.empty() : Optional.of(lock); // --watch takes it per round (WatchLoop)
  }

  @Override
  boolean json() {
    return json;
  }

  @Override
  void checkOptions(Inventory loaded) {
    rolloutOptions.toRollout(loaded);
  }

  @Override
  int run(Session session) throws InterruptedException {
    if (watch && json) {
      err().println("error: --watch prints log lines; --json reports one apply");
      return ExitCodes.FAILED;
    }
    if (watch && force) {
      err().println("error: --watch does not take --force: dropping data is for an operator's single apply");
      return ExitCodes.FAILED;
    }
    StopSignals signals = watch ? StopSignals.install() : null;
    Rollout rollout = rolloutOptions.toRollout(session.inventory());
    if (watch) {
      Optional<PreflightReport> preflight = skipPreflight ? Optional.empty() : Optional.of(session.runPreflight());
      if (preflight.isPresent() && refused(preflight.get())) {
        return ExitCodes.FAILED;
      }
      preflight.ifPresent(p -> out().print(Text.preflight(p)));
      return new WatchLoop(session, lock, out(), err()).run(rollout, new PlanOptions(force), interval, signals);
    }
    Progress view = json ? Progress.silent()
        : Progress.choose(progress, out(), System.getenv(), System.console() != null);
    // Preflight runs once the first plan is known and only when it changes something: its host
    // checks guard starting and joining nodes, which a no-op apply does not do (issue #12: the
    // no-op's time). A plan that changes something still meets it before its first step.
    java.util.concurrent.atomic.AtomicReference<PreflightReport> checked = new java.util.concurrent.atomic.AtomicReference<>();
    Reconciler.Outcome outcome = session.apply(rollout, new PlanOptions(force),
        plan -> view.plan(session.runId(), plan), view::step, first -> {
          if (skipPreflight) {
            return true;
          }
          PreflightReport report = session.runPreflight();
          checked.set(report);
          if (!report.blocking().isEmpty()) {
            return false;
          }
          if (!json) {
            out().print(Text.preflight(report));
          }
          return true;
        });
    Optional<PreflightReport> preflight = Optional.ofNullable(checked.get());
    if (preflight.isPresent() && refused(preflight.get())) {
      return ExitCodes.FAILED;
    }
    view.done();
    session.reportPlan(outcome.lastPlan(), "apply");
    Recap recap = Recap.of(session.inventory(), outcome.results(), outcome.lastObservation());
    boolean converged = !outcome.failed();
    out().print(json ? Json.apply(session.runId(), recap, outcome.results(), outcome.problems(), converged, preflight) + "\n"
        : Text.recap(recap, outcome.results(), outcome.problems()));
    return converged ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Preflight found errors: says so (nothing was changed) and refuses; false when it found none. */
  private boolean refused(PreflightReport report) {
    if (report.blocking().isEmpty()) {
      return false;
    }
    out().print(json ? Json.preflight(report) + "\n"
        : Text.preflight(report) + "apply: refused, preflight found errors; nothing was changed\n");
    return true;
  }
}
