package io.redisfleet.controller.bench;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import io.redisfleet.controller.it.Cli;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: how a no-op {@code controller apply} grows with the number of agents.
 * Starts N real gRPC agent servers in this JVM (each its own loopback address 127.0.x.y and port,
 * Netty, plaintext as loopback allows) and times {@code apply} and {@code plan} against all of them. By
 * default the agents manage NO Redis nodes: what is measured is the controller's per-agent fan-out
 * (connect, fleet lock, host facts, observe, plan), not Redis. With {@code --redis} each agent
 * runs one REAL redis-server (process backend), as N/2 replication pairs whose master and replica
 * sit on two agents, created by a first apply: the no-op then observes real nodes (INFO,
 * replication links, the conf drift dry run) through every agent. Prints time per N and the
 * growth against N=first. Run: scripts/bench.sh fanout [--redis] [N...]
 */
public final class FanOutBench {

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    boolean redis = false;
    for (String a : args) {
      if (a.equals("--redis")) {
        redis = true;
      } else {
        sizes.add(Integer.parseInt(a));
      }
    }
    if (sizes.isEmpty()) {
      sizes = redis ? List.of(10, 50, 200) : List.of(10, 50, 200, 500);
    }
    String behind = redis ? "one REAL redis-server behind each (N/2 replication pairs)" : "NO Redis behind them";
    System.out.println("fan-out: N real gRPC agents in one JVM, one loopback address each, " + behind
        + "; no-op apply and plan, median of 3 after one warm-up");
    double[] first = null;
    for (int n : sizes) {
      double[] ms = measure(n, redis);
      if (first == null) {
        first = ms;
      }
      double growthN = (double) n / sizes.get(0);
      System.out.printf("N=%4d agents: apply %6.0f ms (%.1f ms/agent), plan %6.0f ms | growth vs N=%d: apply %.1fx,"
          + " plan %.1fx for %.0fx agents%n", n, ms[0], ms[0] / n, ms[1], sizes.get(0), ms[0] / first[0],
          ms[1] / first[1], growthN);
      System.out.printf("TABLE| no-op apply, %d agents (gRPC, %s) | %.2f s | apply at N=%d %.2f s | %.1f x for %.0f x agents | sub-linear |%n",
          n, redis ? "1 real redis-server each" : "no Redis", ms[0] / 1000, sizes.get(0), first[0] / 1000,
          ms[0] / first[0], growthN);
    }
  }

  /** Median no-op apply and plan times, in ms, against n fresh agents (with a redis-server each: {@code redis}). */
  private static double[] measure(int n, boolean redis) throws Exception {
    Path dir = Files.createTempDirectory("bench-fanout");
    List<AgentServer> agents = new ArrayList<>();
    try {
      StringBuilder hosts = new StringBuilder("hosts {\n");
      for (int i = 0; i < n; i++) {
        // One loopback address per agent: the inventory holds one host per machine address.
        String address = "127.0." + (1 + i / 250) + "." + (1 + i % 250);
        AgentConfig config = AgentConfig.underStateDir(dir.resolve("agent-" + i), address,
            AgentConfig.Backend.PROCESS);
        AgentServer server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
            config);
        agents.add(server);
        hosts.append("  h").append(i).append(" { address = \"").append(address)
            .append("\", agent-port = ").append(server.port())
            .append(" }\n");
      }
      hosts.append("}\n");
      if (redis) {
        List<Integer> ports = io.redisfleet.controller.it.FreePorts.pick(n);
        for (int i = 0; i + 1 < n; i += 2) {
          hosts.append("replication.g").append(i / 2).append(" { master = \"h").append(i).append(':')
              .append(ports.get(i)).append("\", replicas = [ \"h").append(i + 1).append(':')
              .append(ports.get(i + 1)).append("\" ] }\n");
        }
      }
      Path inventory = dir.resolve("fanout.conf");
      Files.writeString(inventory, hosts.toString());
      time("apply", inventory); // with --redis: creates the pairs
      time("plan", inventory);
      List<Long> apply = new ArrayList<>();
      List<Long> plan = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        apply.add(time("apply", inventory));
        plan.add(time("plan", inventory));
      }
      return new double[] {median(apply), median(plan)};
    } finally {
      if (redis) {
        Cli.run("destroy", dir.resolve("fanout.conf").toString(), "--force");
      }
      agents.forEach(AgentServer::close);
    }
  }

  private static long time(String command, Path inventory) {
    long start = System.nanoTime();
    Cli run = Cli.run(command, inventory.toString(), "--json");
    long took = (System.nanoTime() - start) / 1_000_000;
    if (run.exit() != 0) {
      throw new IllegalStateException(command + " " + inventory + " failed: " + run);
    }
    return took;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
