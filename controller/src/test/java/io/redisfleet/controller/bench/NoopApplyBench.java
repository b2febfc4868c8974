package io.redisfleet.controller.bench;

import io.redisfleet.controller.it.Cli;
import io.redisfleet.controller.it.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A no-op {@code controller apply} as an operator runs it: a whole process (JVM start included)
 * against 6 local nodes behind an embedded agent, the median of {@code ROUNDS}, with the JVM
 * options of each lever of issue #12 in turn: none (the .deb's default), what {@code bin/controller}
 * passes (serial GC, C1 only), and those plus an AppCDS archive of the classes a no-op apply loads
 * (made here by a first run with {@code -XX:ArchiveClassesAtExit}). The peer is the figure the
 * project started from, an Ansible re-run of the same play (≈ 17 s): Ansible is not installed
 * here, so it is quoted, not run.
 *
 * <p>Usage: {@code NoopApplyBench CONTROLLER_JAR [ROUNDS]}. Loopback only.
 */
public final class NoopApplyBench {

  private record Variant(String name, List<String> opts) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("noop-apply");
    Path inventory = dir.resolve("local.conf");
    List<Integer> ports = FreePorts.pick(6);
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 5000, appendonly = no, save = \"\" }",
        "hosts { local { address = \"127.0.0.1\", agent = embedded, state-dir = \"" + dir.resolve("state") + "\" } }",
        "clusters.main { replicas = 1, nodes = [ " + String.join(", ",
            ports.stream().map(p -> "\"local:" + p + "\"").toList()) + " ] }", ""));
    Path cds = dir.resolve("controller.jsa");
    List<String> launcher = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    List<Variant> variants = List.of(
        new Variant("no JVM options (the .deb's default)", List.of()),
        new Variant("serial GC + C1 only (bin/controller)", launcher),
        new Variant("serial GC + C1 only + AppCDS", plus(launcher, "-XX:SharedArchiveFile=" + cds)));
    try {
      must(Cli.run("apply", inventory.toString(), "--yes"), "create");
      run(jar, plus(launcher, "-XX:ArchiveClassesAtExit=" + cds), inventory); // the archive, from a no-op apply
      double first = 0;
      for (Variant v : variants) {
        run(jar, v.opts(), inventory); // warm the page cache
        double[] times = new double[rounds];
        for (int i = 0; i < rounds; i++) {
          long start = System.nanoTime();
          run(jar, v.opts(), inventory);
          times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        double median = times[rounds / 2];
        first = first == 0 ? median : first;
        System.out.printf("%-40s no-op apply, whole process: median %.2f s (%s)%n", v.name(), median,
            Arrays.toString(Arrays.stream(times).map(t -> Math.round(t * 100) / 100.0).toArray()));
        System.out.printf("TABLE| no-op apply, 6 local nodes, whole process, %s | %.2f s | Ansible re-run ≈ 17 s"
            + " (quoted, not run here) | %.2f x of the .deb default | <= 0.8 s |%n", v.name(), median, median / first);
      }
    } finally {
      Cli.run("destroy", inventory.toString(), "--force");
    }
  }

  private static List<String> plus(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }

  private static void run(Path jar, List<String> opts, Path inventory) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(opts);
    cmd.addAll(List.of("-jar", jar.toString(), "apply", inventory.toString(), "--yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("apply failed: " + String.join(" ", cmd) + "\n" + new String(out));
    }
  }

  private static void must(Cli run, String what) {
    if (run.exit() != 0) {
      throw new IllegalStateException(what + " failed: " + run);
    }
  }
}
