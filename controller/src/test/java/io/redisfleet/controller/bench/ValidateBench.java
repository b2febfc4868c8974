package io.redisfleet.controller.bench;

import io.redisfleet.controller.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Benchmark, not a test: {@code controller validate} (in this JVM, after one warm-up) of one
 * cluster of N nodes, 20 nodes per host, one replica per master, beside its peer: the same N nodes
 * declared as replication groups (master + one replica), which need no placement. Prints one line
 * per size with both times, their ratio, and the growth against the previous size, so the curve
 * reads directly (near-linear: time grows about as N). Contacts no host: validate never does.
 * Run: scripts/bench.sh validate [N...]
 */
public final class ValidateBench {

  private static final int NODES_PER_HOST = 20;

  public static void main(String[] args) throws IOException {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Integer.parseInt(a));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(200, 400, 800, 2000, 10000);
    }
    Path dir = Files.createTempDirectory("validate-bench");
    time(write(dir, "warmup-cluster", cluster(60)));
    time(write(dir, "warmup-groups", groups(60)));
    long previous = 0;
    int previousN = 0;
    System.out.println("validate, one cluster of N nodes (20 per host, replicas 1) vs the same nodes as replication groups");
    for (int n : sizes) {
      long ours = time(write(dir, "cluster-" + n, cluster(n)));
      long peer = time(write(dir, "groups-" + n, groups(n)));
      String growth = previous == 0 ? "" : String.format("  x%.1f time for x%.1f nodes",
          (double) ours / Math.max(1, previous), (double) n / previousN);
      System.out.printf("validate N=%5d: cluster %7d ms | replication groups %6d ms | ratio %.2f%s%n",
          n, ours, peer, (double) ours / Math.max(1, peer), growth);
      System.out.printf("TABLE| validate, one cluster of %d nodes | %.2f s | same nodes as replication groups %.2f s | %.2f x | %s |%n",
          n, ours / 1000.0, peer / 1000.0, (double) ours / Math.max(1, peer),
          n <= 2000 ? "2000 <= 2 s" : "10,000 <= 10 s");
      previous = ours;
      previousN = n;
    }
  }

  private static long time(Path inventory) {
    StringWriter out = new StringWriter();
    long start = System.nanoTime();
    int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
        .execute("validate", inventory.toString());
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (code != 0) {
      throw new IllegalStateException("validate " + inventory + " exited " + code + ": " + out);
    }
    return ms;
  }

  private static Path write(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name + ".conf");
    Files.writeString(file, body);
    return file;
  }

  /** Hosts on loopback addresses: validate resolves nothing and connects nowhere. */
  private static String hosts(int n) {
    StringBuilder b = new StringBuilder("hosts {\n");
    for (int h = 0; h < hostCount(n); h++) {
      b.append(String.format("  h%d { address = \"127.1.%d.%d\" }%n", h, h / 250, 1 + h % 250));
    }
    return b.append("}\n").toString();
  }

  private static int hostCount(int n) {
    return Math.max(3, (n + NODES_PER_HOST - 1) / NODES_PER_HOST);
  }

  private static String node(int i, int n) {
    // Ports unique across hosts: loopback hosts share 127.0.0.1, so validate refuses a port used twice.
    return "h" + (i % hostCount(n)) + ":" + (7000 + i);
  }

  private static String cluster(int n) {
    StringJoiner nodes = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < n; i++) {
      nodes.add("\"" + node(i, n) + "\"");
    }
    return hosts(n) + "clusters.big {\n  replicas = 1\n  nodes = " + nodes + "\n}\n";
  }

  private static String groups(int n) {
    // One replication object: n dotted keys (replication.gN = ...) would make HOCON merge n times.
    StringBuilder b = new StringBuilder(hosts(n)).append("replication {\n");
    for (int i = 0; i + 1 < n; i += 2) {
      b.append(String.format("  g%d { master = \"%s\", replicas = [ \"%s\" ] }%n", i / 2, node(i, n), node(i + 1, n)));
    }
    return b.append("}\n").toString();
  }
}
