package io.redisfleet.controller.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.controller.it.Cli;
import io.redisfleet.controller.it.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's footprint as the .deb runs it: the agent jar started as its own JVM with the
 * packaged JAVA_OPTS (read from the .deb's /etc/default file), and then with each lever of issue
 * #12 added one at a time, then all together. Per variant: start-to-serving (process start until
 * it answers a call), resident memory (VmRSS) fresh, and after work: a 6-node cluster created
 * through it by the controller, then 5 no-op applies. The peer figure (a Salt minion, 60-100 MB)
 * is the one the issue quotes: Salt is not installed here, so it is printed, not measured.
 *
 * <p>Usage: {@code AgentFootprintBench AGENT_JAR [NOOP_APPLIES]}. Loopback only; every process it
 * starts is ended by its PID.
 */
public final class AgentFootprintBench {

  private static final Path PACKAGED_DEFAULTS = Path.of("packaging/src/deb/agent/etc/redis-fleet-agent.default");

  /** gRPC's shaded Netty reads its properties under its relocated package name. */
  private static final String NETTY_ONE_LOOP = "-Dio.grpc.netty.shaded.io.netty.eventLoopThreads=1";

  private record Variant(String name, List<String> opts) {}

  private record Figures(double startSeconds, long freshKib, long afterKib) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int noops = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> packaged = packagedOpts();
    Path work = Files.createTempDirectory("agent-footprint");
    Path cds = work.resolve("agent.jsa");
    List<Variant> variants = List.of(
        new Variant("packaged JAVA_OPTS", packaged),
        new Variant("+ C1 only (-XX:TieredStopAtLevel=1)", plus(packaged, "-XX:TieredStopAtLevel=1")),
        new Variant("+ small code cache and stacks", plus(packaged, "-XX:ReservedCodeCacheSize=24m", "-Xss512k")),
        new Variant("+ smaller heap (-Xmx48m)", plus(packaged, "-Xmx48m")),
        new Variant("+ 1 Netty event loop", plus(packaged, NETTY_ONE_LOOP)),
        new Variant("+ AppCDS archive", plus(packaged, "-XX:SharedArchiveFile=" + cds)),
        new Variant("all of the above but AppCDS", plus(packaged, "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=24m", "-Xss512k", "-Xmx48m", NETTY_ONE_LOOP)),
        new Variant("all of the above", plus(packaged, "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=24m",
            "-Xss512k", "-Xmx48m", NETTY_ONE_LOOP, "-XX:SharedArchiveFile=" + cds)));
    makeArchive(jar, packaged, cds, work);
    System.out.printf("agent jar %s, packaged JAVA_OPTS %s, %d no-op applies after the create%n", jar, packaged, noops);
    Figures base = null;
    for (Variant v : variants) {
      Figures f = measure(jar, v.opts(), work.resolve("v" + variants.indexOf(v)), noops);
      base = base == null ? f : base;
      System.out.printf("%-38s start-to-serving %5.2f s | RSS fresh %4d MiB | after create + %d no-ops %4d MiB%n",
          v.name(), f.startSeconds(), f.freshKib() / 1024, noops, f.afterKib() / 1024);
      if (v == variants.get(0) || v == variants.get(variants.size() - 1)) {
        System.out.printf("TABLE| agent start-to-serving, %s | %.2f s | | | <= 1 s |%n", v.name(), f.startSeconds());
        System.out.printf("TABLE| agent RSS after a create + %d no-op applies, %s | %d MiB | Salt minion 60-100 MB"
            + " (quoted, not run here) | %.2f x of 64 MiB | <= 64 MiB |%n", noops, v.name(), f.afterKib() / 1024,
            f.afterKib() / 1024.0 / 64);
      }
    }
  }

  private static List<String> plus(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }

  /** JAVA_OPTS="..." from the .deb's defaults file: the options the installed agent runs with. */
  private static List<String> packagedOpts() throws IOException {
    for (String line : Files.readAllLines(PACKAGED_DEFAULTS)) {
      if (line.startsWith("JAVA_OPTS=")) {
        return List.of(line.substring("JAVA_OPTS=".length()).replace("\"", "").strip().split("\\s+"));
      }
    }
    throw new IllegalStateException("no JAVA_OPTS in " + PACKAGED_DEFAULTS);
  }

  /** The AppCDS archive of the classes a start and a host-facts call load (JDK 17: dumped at exit). */
  private static void makeArchive(Path jar, List<String> opts, Path cds, Path work) throws Exception {
    int port = FreePorts.pick(1).get(0);
    Process agent = start(jar, plus(opts, "-XX:ArchiveClassesAtExit=" + cds), port, work.resolve("cds"));
    try {
      serving(port, agent);
    } finally {
      agent.destroy(); // SIGTERM: the JVM exits normally and writes the archive
      agent.waitFor(30, TimeUnit.SECONDS);
    }
    if (!Files.exists(cds)) {
      throw new IllegalStateException("the JVM wrote no AppCDS archive at " + cds);
    }
  }

  private static Figures measure(Path jar, List<String> opts, Path dir, int noops) throws Exception {
    List<Integer> ports = FreePorts.pick(7);
    int agentPort = ports.get(6);
    long start = System.nanoTime();
    Process agent = start(jar, opts, agentPort, dir.resolve("state"));
    try {
      serving(agentPort, agent);
      double startSeconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(1000);
      long fresh = rssKib(agent.pid());
      Path inventory = dir.resolve("fleet.conf");
      List<String> nodes = ports.subList(0, 6).stream().map(p -> "\"h:" + p + "\"").toList();
      Files.writeString(inventory, String.join("\n",
          "defaults.redis { cluster-node-timeout = 5000, appendonly = no, save = \"\" }",
          "hosts { h { address = \"127.0.0.1\", agent-port = " + agentPort + " } }",
          "clusters.main { replicas = 1, nodes = [ " + String.join(", ", nodes) + " ] }", ""));
      try {
        must(Cli.run("apply", inventory.toString(), "--yes"), "create");
        for (int i = 0; i < noops; i++) {
          must(Cli.run("apply", inventory.toString(), "--yes"), "no-op apply");
        }
        return new Figures(startSeconds, fresh, rssKib(agent.pid()));
      } finally {
        Cli.run("destroy", inventory.toString(), "--force");
      }
    } finally {
      agent.destroy();
      if (!agent.waitFor(20, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
  }

  private static Process start(Path jar, List<String> opts, int port, Path state) throws IOException {
    Files.createDirectories(state);
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(opts);
    cmd.addAll(List.of("-jar", jar.toString(), "--listen", "127.0.0.1:" + port, "--plaintext", "--backend", "process",
        "--state-dir", state.toString(), "--metrics-listen", "off"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(state.resolve("agent.log").toFile()).start();
  }

  /**
   * Waits until the agent serves (at most 60 s): it answers an ObserveNodes of no port. Not
   * GetHostFacts: its first call reads the server binary's version and directives (a throwaway
   * redis-server), which is the host's work, not the agent's start.
   */
  private static void serving(int port, Process agent) throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < end) {
        if (!agent.isAlive()) {
          throw new IllegalStateException("the agent exited with " + agent.exitValue());
        }
        try {
          AgentGrpc.newBlockingStub(channel).withDeadlineAfter(200, TimeUnit.MILLISECONDS)
              .observeNodes(ObserveNodesRequest.getDefaultInstance());
          return;
        } catch (io.grpc.StatusRuntimeException e) {
          Thread.sleep(10);
        }
      }
      throw new IllegalStateException("the agent on port " + port + " did not serve within 60 s");
    } finally {
      channel.shutdownNow();
    }
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  private static void must(Cli run, String what) {
    if (run.exit() != 0) {
      throw new IllegalStateException(what + " failed: " + run);
    }
  }
}
