package io.redisfleet.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue #12's figure "no-op apply, 12 nodes on 3 real hosts over mutual TLS": three e2e hosts
 * (systemd-nspawn, the project's .debs installed, each agent with its own certificate, as
 * {@link Fleet} provisions them), one cluster of 12 nodes (6 masters, 6 replicas, 4 nodes per
 * host), created once; then ROUNDS no-op {@code apply} and {@code plan} runs of {@code bin/controller}
 * as whole processes (JVM, AppCDS archive, TLS handshakes to the three agents included), each
 * timed, the median printed against the goal (≤ 1.0 s). The peer, an Ansible re-run of the same
 * play (≈ 17 s), is quoted: Ansible is not installed here. A program that prints figures, not a
 * test: nothing asserts a time.
 *
 * <p>Usage (root, one harness run per machine at a time): {@code scripts/bench.sh hosts [ROUNDS]}.
 * Traffic goes only to the hosts' addresses 10.77.0.11-13 on the bridge the harness creates.
 */
public final class HostsNoopBench {

  private static final double GOAL = 1.0;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String unsupported = Hosts.unsupportedReason();
    if (!unsupported.isEmpty()) {
      throw new IllegalStateException("hosts bench: " + unsupported);
    }
    Path root = Hosts.projectRoot();
    Path launcher = root.resolve("bin/controller");
    Hosts hosts = new Hosts(root);
    boolean done = false;
    try {
      Fleet fleet = Fleet.bootProvisioned(hosts, 3, "bench-hosts");
      Path inventory = fleet.dir().resolve("bench.conf");
      StringBuilder nodes = new StringBuilder();
      for (int h = 1; h <= 3; h++) {
        for (int port = 7000; port < 7004; port++) {
          nodes.append(nodes.length() == 0 ? "" : ", ").append("\"h").append(h).append(':').append(port).append('"');
        }
      }
      Files.writeString(inventory, String.join("\n",
          "defaults.redis { cluster-node-timeout = 5000, appendonly = yes }",
          "hosts {",
          "  h1 { address = \"" + Fleet.address(1) + "\" }",
          "  h2 { address = \"" + Fleet.address(2) + "\" }",
          "  h3 { address = \"" + Fleet.address(3) + "\" }",
          "}",
          "clusters.main { replicas = 1, nodes = [ " + nodes + " ] }",
          "controller { tls-dir = \"" + fleet.controllerTls() + "\" }", ""));
      must(launcher, 0, "apply", inventory.toString(), "--yes"); // the create (and bin/controller's archive)
      must(launcher, 0, "apply", inventory.toString(), "--yes"); // warm: the archive in use, pages cached
      holdForHand(inventory);
      double apply = median(launcher, rounds, "apply", inventory.toString(), "--yes");
      double plan = median(launcher, rounds, "plan", inventory.toString());
      double status = median(launcher, rounds, "status", inventory.toString());
      System.out.printf("12 nodes on 3 real hosts, mutual TLS, whole process (bin/controller):"
          + " no-op apply median %.2f s, plan %.2f s, status %.2f s; goal <= %.1f s%n", apply, plan, status, GOAL);
      System.out.printf("TABLE| no-op apply, 12 nodes on 3 real hosts over mutual TLS, whole process | %.2f s"
          + " | Ansible re-run ≈ 17 s (quoted, not run here) | %.2f x of the goal | <= %.1f s |%n", apply, apply / GOAL, GOAL);
      done = true;
    } finally {
      hosts.finish(3, done);
    }
  }

  /**
   * With BENCH_HOLD=SECONDS the hosts stay up that long after the create, so the phases of a run
   * can be timed by hand against them (bin/controller with the printed inventory); then the bench
   * goes on and tears them down as usual.
   */
  private static void holdForHand(Path inventory) throws InterruptedException {
    String hold = System.getenv().getOrDefault("BENCH_HOLD", "");
    if (!hold.isEmpty()) {
      System.out.printf("hosts held for %s s: bin/controller plan %s%n", hold, inventory);
      Thread.sleep(Long.parseLong(hold) * 1000);
    }
  }

  private static double median(Path launcher, int rounds, String... args) throws Exception {
    double[] times = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      must(launcher, 0, args);
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    System.out.printf("  %-6s %s s%n", args[0], Arrays.toString(Arrays.stream(times)
        .map(t -> Math.round(t * 100) / 100.0).toArray()));
    Arrays.sort(times);
    return times[rounds / 2];
  }

  /** Runs bin/controller with args; any other exit than {@code exit} stops the bench with its output. */
  private static void must(Path launcher, int exit, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", args) + ": no answer within 300 s");
    }
    if (p.exitValue() != exit) {
      throw new IllegalStateException("controller " + String.join(" ", args) + ": exit " + p.exitValue() + "\n"
          + new String(out));
    }
  }
}
