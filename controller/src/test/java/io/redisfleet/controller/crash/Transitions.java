package io.redisfleet.controller.crash;

import io.redisfleet.controller.it.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Uncrashed moves between states, in process: an apply (or a destroy, when the target is empty),
 * and the hard reset after a failed cell (destroy every node any shape may run, then build the
 * state again) so one failure does not spill into the next cell.
 */
final class Transitions {

  private final CrashHosts hosts;

  Transitions(CrashHosts hosts) {
    this.hosts = hosts;
  }

  /** Brings the fleet from {@code from} to {@code to}; the output of what failed, if anything did. */
  List<String> move(Shape from, Shape to) throws IOException {
    List<String> failures = new ArrayList<>();
    if (to.isEmpty()) {
      if (!from.isEmpty()) {
        hosts.write(from);
        Cli destroy = Cli.run("destroy", hosts.inventory.toString(), "--force", "--break-lock");
        if (destroy.exit() != 0) {
          failures.add("destroy: " + destroy);
        }
      }
      hosts.running().forEach(r -> failures.add("still running after destroy: " + r));
      return failures;
    }
    hosts.write(to);
    Cli apply = Cli.run("apply", hosts.inventory.toString(), "--yes", "--break-lock", "--skip-preflight");
    if (apply.exit() != 0) {
      failures.add("apply: " + apply);
    }
    return failures;
  }

  /**
   * After a failed cell: end every node these agents run (by pid), wipe their confs and data
   * (only the suite's own temporary state), and build {@code target} from nothing.
   */
  void reset(Shape target) throws IOException, InterruptedException {
    for (CrashHosts.Running r : hosts.running()) {
      ProcessHandle.of(r.pid()).ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
      });
    }
    for (String host : List.of("a", "b")) {
      for (String sub : List.of("nodes", "data")) {
        Path d = hosts.dir.resolve(host).resolve(sub);
        if (Files.exists(d)) {
          try (var walk = Files.walk(d)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
              if (!f.equals(d)) {
                Files.delete(f);
              }
            }
          }
        }
      }
    }
    List<String> failures = move(Shape.empty(), target);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("cannot rebuild " + target + " after a failed cell: " + failures);
    }
  }
}
