package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * TLS for Redis traffic end to end: a 6-node TLS cluster (tls-auth-clients yes) and a TLS pair
 * (optional) on two loopback "hosts", certificates issued by the controller from the fleet CA.
 * Every check from outside goes through redis-cli --tls with certificates of that CA (real
 * OpenSSL on the other end); a plaintext client gets nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisTlsIT {

  @TempDir
  static Path dir;

  static List<Integer> ports;
  static final List<AgentServer> agents = new ArrayList<>();
  static String file;
  static Path pki;
  static final StringBuilder printed = new StringBuilder();

  @BeforeAll
  static void start() throws IOException {
    ports = FreePorts.pick(8);
    pki = dir.resolve("pki");
    assertEquals(0, cli("pki", "init", "--dir", pki.toString()).exit());
    int a = agent("127.0.0.1", dir.resolve("a"));
    int b = agent("127.0.0.2", dir.resolve("b"));
    Path inventory = dir.resolve("tls.conf");
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 5000, repl-diskless-sync-delay = 0 }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + a + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + b + " }",
        "}",
        "controller.pki-dir = \"pki\"",
        "clusters.main {",
        "  replicas = 1",
        "  tls { enabled = true, auth-clients = yes }",
        "  nodes = [ " + node("a", 0) + ", " + node("a", 1) + ", " + node("a", 2) + ", "
            + node("b", 3) + ", " + node("b", 4) + ", " + node("b", 5) + " ]",
        "}",
        "replication.pair {",
        "  master = " + node("a", 6) + ", replicas = [ " + node("b", 7) + " ]",
        "  tls { enabled = true, auth-clients = optional }",
        "}",
        ""));
    file = inventory.toString();
  }

  static int agent(String address, Path state) throws IOException {
    AgentServer server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
        AgentConfig.underStateDir(state, address, AgentConfig.Backend.PROCESS));
    agents.add(server);
    return server.port();
  }

  static String node(String host, int i) {
    return "\"" + host + ":" + ports.get(i) + "\"";
  }

  static String address(int i) {
    return i < 3 || i == 6 ? "127.0.0.1" : "127.0.0.2";
  }

  static Cli cli(String... args) {
    Cli run = Cli.run(args);
    printed.append(run.out()).append(run.err());
    return run;
  }

  /** redis-cli over TLS with the controller's client certificate; its output (with errors). */
  static String tlsCli(int i, String... command) throws Exception {
    Path client = pki.resolve("redis").resolve("client");
    List<String> args = new ArrayList<>(List.of("redis-cli", "--tls", "--cacert", pki.resolve("ca.crt").toString(),
        "--cert", client.resolve("redis.crt").toString(), "--key", client.resolve("redis.key").toString(),
        "-h", address(i), "-p", Integer.toString(ports.get(i))));
    args.addAll(List.of(command));
    return run(args);
  }

  static String run(List<String> args) throws Exception {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + args);
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  static Map<Integer, Long> pids() throws Exception {
    Map<Integer, Long> out = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      String info = tlsCli(i, "INFO", "server");
      long pid = info.lines().filter(l -> l.startsWith("process_id:")).findFirst()
          .map(l -> Long.parseLong(l.substring("process_id:".length()).trim()))
          .orElseThrow(() -> new AssertionError("no INFO over TLS: " + info));
      out.put(i, pid);
    }
    return out;
  }

  @AfterAll
  static void stop() throws IOException {
    // every node this test started, by the pidfile its agent gave it
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path pidFile : files.filter(f -> f.getFileName().toString().equals("redis.pid")).toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    agents.forEach(AgentServer::close);
  }

  @Test
  @Order(1)
  void comesUpAndPassesVerifyOverTls() throws Exception {
    Cli apply = cli("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    for (int i = 0; i < 6; i++) {
      assertTrue(tlsCli(i, "CLUSTER", "INFO").contains("cluster_state:ok"), "node " + i);
    }
    for (int i = 0; i < 8; i++) {
      String replication = tlsCli(i, "INFO", "replication");
      if (replication.contains("role:slave")) {
        assertTrue(replication.contains("master_link_status:up"), "node " + i + ": " + replication);
      }
    }
    assertTrue(tlsCli(7, "INFO", "replication").contains("role:slave"), "the pair's replica");
    Cli verify = cli("verify", file);
    assertEquals(0, verify.exit(), verify.toString());
    Cli status = cli("status", file, "--json");
    assertEquals(0, status.exit(), status.toString());
  }

  @Test
  @Order(2)
  void plaintextClientsGetNothing() throws Exception {
    for (int i : List.of(0, 3, 6, 7)) {
      String out = run(List.of("redis-cli", "-h", address(i), "-p", Integer.toString(ports.get(i)), "PING"));
      assertFalse(out.contains("PONG"), "node " + i + " answered plaintext: " + out);
      int node = i;
      assertThrows(JedisConnectionException.class, () -> {
        try (Jedis plain = new Jedis(new HostAndPort(address(node), ports.get(node)),
            DefaultJedisClientConfig.builder().socketTimeoutMillis(2000).build())) {
          plain.ping();
        }
      });
    }
  }

  @Test
  @Order(3)
  void clusterRefusesClientsWithoutCertificateThePairAcceptsThem() throws Exception {
    List<String> noCert = List.of("redis-cli", "--tls", "--cacert", pki.resolve("ca.crt").toString(), "-h");
    List<String> cluster = new ArrayList<>(noCert);
    cluster.addAll(List.of(address(0), "-p", Integer.toString(ports.get(0)), "PING"));
    assertFalse(run(cluster).contains("PONG"), "auth-clients yes let a client without certificate in");
    List<String> pair = new ArrayList<>(noCert);
    pair.addAll(List.of(address(6), "-p", Integer.toString(ports.get(6)), "PING"));
    assertTrue(run(pair).contains("PONG"), "auth-clients optional refused a client without certificate");
  }

  @Test
  @Order(4)
  void secondApplyChangesNothingAndCertificatesStay() throws Exception {
    Map<Integer, Long> before = pids();
    String certs = certificates();
    Cli plan = cli("plan", file);
    assertEquals(0, plan.exit(), plan.toString());
    Cli apply = cli("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("\"changed\":0"), apply.out());
    assertEquals(before, pids(), "a node was restarted by a second apply");
    assertEquals(certs, certificates(), "certificates were issued again");
  }

  @Test
  @Order(5)
  void privateKeysAppearNowhereButTheirFiles() throws IOException {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(pki.resolve("redis"))) {
      for (Path key : files.filter(f -> f.getFileName().toString().equals("redis.key")).toList()) {
        keys.add(Files.readString(key).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow());
      }
    }
    assertEquals(3, keys.size(), "hosts a and b, and the controller's client");
    for (String key : keys) {
      assertFalse(printed.toString().contains(key), "a private key was printed");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.toString().endsWith(".key")) {
          assertFalse(Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
              f + " is world-readable");
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String key : keys) {
          assertFalse(text.contains(key), f + " holds a private key");
        }
      }
    }
  }

  @Test
  @Order(6)
  void aNewCertificateIsLoadedLiveWithoutRestart() throws Exception {
    Map<Integer, Long> before = pids();
    String oldSerial = tlsCli(3, "CONFIG", "GET", "tls-cert-file");
    try (Stream<Path> files = Files.walk(pki.resolve("redis/hosts/b"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.delete(f); // as if it expired: the next load issues host b a new one
      }
    }
    // plan (which issues nothing) foresees that the reload may restart a node the new certificate
    // does not reach, so such steps run one at a time
    Cli issue = cli("pki", "issue", "redis", file);
    assertEquals(0, issue.exit(), issue.toString());
    Cli plan = cli("plan", file, "--json");
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("\"TLS_RELOAD\""), plan.out());
    Cli apply = cli("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("tls-files") || apply.out().contains("TLS certificates reloaded"), apply.out());
    assertEquals(before, pids(), "a node was restarted for a new certificate");
    String served = run(List.of("sh", "-c", "openssl s_client -connect " + address(3) + ":" + ports.get(3)
        + " </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"));
    String issued = run(List.of("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
        pki.resolve("redis/hosts/b/redis.crt").toString()));
    assertEquals(issued.strip(), served.strip(), "node 3 does not serve the new certificate (" + oldSerial + ")");
    assertEquals(0, cli("verify", file).exit());
    assertEquals(0, cli("plan", file).exit());
  }

  private static String certificates() throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(pki.resolve("redis"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.append(f).append('\n').append(Files.readString(f));
      }
    }
    return out.toString();
  }
}
