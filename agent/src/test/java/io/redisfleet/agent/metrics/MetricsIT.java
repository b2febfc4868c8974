package io.redisfleet.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.ReportPlanRequest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The agent's metrics endpoint over real HTTP, with a real master and replica run by a real
 * agent: every line of the scrape parses as text exposition format 0.0.4, and the numbers are the
 * nodes' own.
 */
class MetricsIT {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?)$");

  @TempDir Path state;
  private AgentServer server;
  private ManagedChannel channel;
  private MetricsServer metrics;
  private final List<Long> pids = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (metrics != null) {
      metrics.close();
    }
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void scrapeOfAMasterAndItsReplica() throws Exception {
    server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        AgentConfig.underStateDir(state, "127.0.0.1", AgentConfig.Backend.PROCESS));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    metrics = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0),
        AgentFacts.of(server.service(), "9.9.9-test", Optional.empty()), Clock.systemUTC());
    int master = freePort();
    int replica = freePort();
    apply(NodeSpec.newBuilder().setPort(master).build());
    try (Jedis j = new Jedis("127.0.0.1", master)) {
      j.set("k1", "v");
      j.set("k2", "v");
    }
    apply(NodeSpec.newBuilder().setPort(replica)
        .setReplicaOf(Endpoint.newBuilder().setHost("127.0.0.1").setPort(master)).build());

    Map<String, Double> m = awaitSample("redisfleet_node_replica_link_up{port=\"" + replica + "\",master=\"127.0.0.1:"
        + master + "\"}", 1.0);
    assertEquals(1.0, m.get("redisfleet_agent_info{version=\"9.9.9-test\"}"));
    assertEquals(1.0, m.get("redisfleet_agent_last_apply_success"));
    assertTrue(m.get("redisfleet_agent_last_apply_timestamp_seconds") > 1.7e9);
    assertTrue(m.containsKey("redisfleet_agent_uptime_seconds"));
    for (int port : new int[] {master, replica}) {
      assertEquals(1.0, m.get("redisfleet_node_up{port=\"" + port + "\"}"), "node " + port);
      assertTrue(m.get("redisfleet_node_used_memory_bytes{port=\"" + port + "\"}") > 0);
      assertTrue(m.get("redisfleet_node_last_restart_timestamp_seconds{port=\"" + port + "\"}") > 1.7e9);
    }
    assertEquals(1.0, m.get("redisfleet_node_role{port=\"" + master + "\",role=\"master\"}"));
    assertEquals(1.0, m.get("redisfleet_node_role{port=\"" + replica + "\",role=\"replica\"}"));
    assertEquals(2.0, m.get("redisfleet_node_keys{port=\"" + master + "\"}"));

    ProcessHandle.of(pids.get(1)).ifPresent(p -> p.destroyForcibly()); // the replica dies
    awaitSample("redisfleet_node_up{port=\"" + replica + "\"}", 0.0);
  }

  /**
   * Drift the agent sees alone, on a real node: a conf edited by hand (conf_edited, and the
   * running value now differs from it: running_config), cleared by an ApplyNode of the same spec;
   * a by-hand CONFIG SET (running_config only); a killed node (not_running). And the controller's
   * ReportPlan, over real gRPC, shows as the plan metrics with the time it came in.
   */
  @Test
  void driftOfARealNodeAndTheControllersLastPlan() throws Exception {
    server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        AgentConfig.underStateDir(state, "127.0.0.1", AgentConfig.Backend.PROCESS));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    metrics = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0),
        AgentFacts.of(server.service(), "9.9.9-test", Optional.empty()), Clock.systemUTC());
    int port = freePort();
    NodeSpec spec = NodeSpec.newBuilder().setPort(port)
        .addDirectives(Directive.newBuilder().setName("maxmemory").addArgs("100mb")).build();
    apply(spec);
    Map<String, Double> m = scrape();
    for (String reason : List.of("not_running", "conf_edited", "running_config")) {
      assertEquals(0.0, m.get(drift(port, reason)), reason + " right after an apply: " + m);
    }
    assertFalse(m.containsKey("redisfleet_plan_pending_steps"), "no report yet");

    Path conf = state.resolve("nodes").resolve(port + ".conf");
    assertTrue(Files.exists(conf), "the agent's conf " + conf);
    Files.writeString(conf, Files.readString(conf).replace("maxmemory 100mb", "maxmemory 300mb"));
    m = scrape();
    assertEquals(1.0, m.get(drift(port, "conf_edited")), m.toString());
    assertEquals(1.0, m.get(drift(port, "running_config")), "the node runs 100mb, the conf says 300mb");
    assertEquals(0.0, m.get(drift(port, "not_running")));

    apply(spec); // the spec's conf again, and the running value checked against it
    m = scrape();
    assertEquals(0.0, m.get(drift(port, "conf_edited")), m.toString());
    assertEquals(0.0, m.get(drift(port, "running_config")), m.toString());

    try (Jedis j = new Jedis("127.0.0.1", port)) {
      j.configSet("maxmemory", "200mb");
    }
    m = scrape();
    assertEquals(1.0, m.get(drift(port, "running_config")), m.toString());
    assertEquals(0.0, m.get(drift(port, "conf_edited")));

    AgentGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).reportPlan(
        ReportPlanRequest.newBuilder().setCommand("plan").setPendingSteps(3).setIncomplete(true).setProblems(1).build());
    m = scrape();
    assertEquals(3.0, m.get("redisfleet_plan_pending_steps"), m.toString());
    assertEquals(1.0, m.get("redisfleet_plan_incomplete"));
    assertEquals(1.0, m.get("redisfleet_plan_problems"));
    assertTrue(m.get("redisfleet_plan_reported_timestamp_seconds") > 1.7e9);

    ProcessHandle.of(pids.get(0)).ifPresent(ProcessHandle::destroyForcibly);
    awaitSample(drift(port, "not_running"), 1.0);
  }

  private static String drift(int port, String reason) {
    return "redisfleet_node_drift{port=\"" + port + "\",reason=\"" + reason + "\"}";
  }

  private void apply(NodeSpec spec) {
    pids.add(AgentGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .applyNode(ApplyNodeRequest.newBuilder().setSpec(spec).build()).getPid());
  }

  /** Scrapes until {@code sample} has {@code value} (20 s at most); returns that scrape. */
  private Map<String, Double> awaitSample(String sample, double value) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Map<String, Double> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = scrape();
      if (Double.valueOf(value).equals(last.get(sample))) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sample + " never became " + value + ": " + last);
  }

  /** One GET /metrics; every line is a HELP, a TYPE or a sample, and every sample's family was typed first. */
  private Map<String, Double> scrape() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    Map<String, Double> samples = new HashMap<>();
    List<String> typed = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] w = line.split(" ");
        assertEquals("gauge", w[3], line);
        typed.add(w[2]);
        continue;
      }
      Matcher s = SAMPLE.matcher(line);
      assertTrue(s.matches(), "not a 0.0.4 sample line: '" + line + "'");
      assertTrue(typed.contains(s.group(1)), "sample before its # TYPE: " + line);
      samples.put(s.group(1) + (s.group(2) == null ? "" : s.group(2)), Double.parseDouble(s.group(3)));
    }
    return samples;
  }

  private static int freePort() throws Exception {
    while (true) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        int p = s.getLocalPort();
        if (p + 10000 <= 65535 && Stream.of(6379, 6380, 6381).noneMatch(x -> x == p) && (p < 7000 || p > 7005)) {
          return p;
        }
      }
    }
  }
}
