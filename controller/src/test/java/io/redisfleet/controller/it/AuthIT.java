package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Redis authentication end to end: a cluster with a password (requirepass) and a replication
 * group with ACL users, on two loopback "hosts". The secrets must reach Redis and nothing else:
 * not the redis-server command lines, not a log line, not the JSON of the run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT {

  static final String CLUSTER_PW = "clu5ter-S3cret-" + Long.toHexString(System.nanoTime());
  static final String NEW_CLUSTER_PW = "r0tated-S3cret-" + Long.toHexString(System.nanoTime());
  static final String FLEET_PW = "fl33t-S3cret-" + Long.toHexString(System.nanoTime());
  static final String APP_PW = "app-S3cret-" + Long.toHexString(System.nanoTime());

  @TempDir
  static Path dir;

  static List<Integer> ports;
  static final List<AgentServer> agents = new ArrayList<>();
  static final Set<Long> pids = new HashSet<>();
  static String file;
  static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  static PrintStream originalErr;
  static final StringBuilder printed = new StringBuilder();

  @BeforeAll
  static void start() throws IOException {
    originalErr = System.err;
    System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
    ports = FreePorts.pick(8);
    int a = agent("127.0.0.1", dir.resolve("a"));
    int b = agent("127.0.0.2", dir.resolve("b"));
    Files.writeString(dir.resolve("cluster.pw"), CLUSTER_PW + "\n");
    Files.writeString(dir.resolve("fleet.pw"), FLEET_PW);
    Files.writeString(dir.resolve("app.pw"), APP_PW);
    Path inventory = dir.resolve("auth.conf");
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 5000, repl-diskless-sync-delay = 0 }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + a + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + b + " }",
        "}",
        "clusters.main {",
        "  replicas = 1",
        "  auth { password-file = \"cluster.pw\" }",
        "  nodes = [ " + node("a", 0) + ", " + node("a", 1) + ", " + node("a", 2) + ", "
            + node("b", 3) + ", " + node("b", 4) + ", " + node("b", 5) + " ]",
        "}",
        "replication.pair {",
        "  master = " + node("a", 6) + ", replicas = [ " + node("b", 7) + " ]",
        "  auth {",
        "    password-file = \"fleet.pw\"",
        "    users {",
        "      default { rules = \"off\" }",
        "      app { password-file = \"app.pw\", rules = \"on ~app:* +@read +@write\" }",
        "    }",
        "  }",
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

  static Jedis login(int i, String user, String password) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().socketTimeoutMillis(3000).password(password);
    if (user != null) {
      b.user(user);
    }
    return new Jedis(new HostAndPort(address(i), ports.get(i)), b.build());
  }

  static Jedis admin(int i) {
    return i < 6 ? login(i, null, CLUSTER_PW) : login(i, "redis-fleet", FLEET_PW);
  }

  static Cli cli(String... args) {
    Cli run = Cli.run(args);
    printed.append(run.out()).append(run.err());
    return run;
  }

  @AfterAll
  static void stop() {
    for (int i = 0; i < 8; i++) {
      for (String pw : List.of(CLUSTER_PW, NEW_CLUSTER_PW)) {
        try (Jedis j = i < 6 ? login(i, null, pw) : admin(i)) {
          pids.add(pid(j));
        } catch (RuntimeException ignored) {
          // not running, or the other password
        }
      }
    }
    pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    agents.forEach(AgentServer::close);
    System.setErr(originalErr);
  }

  static long pid(Jedis j) {
    return Long.parseLong(j.info("server").lines().filter(l -> l.startsWith("process_id:")).findFirst()
        .orElseThrow().substring("process_id:".length()).trim());
  }

  @Test
  @Order(1)
  void applyBringsUpBothAndVerifyPasses() {
    Cli apply = cli("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    Cli verify = cli("verify", file);
    assertEquals(0, verify.exit(), verify.toString());
    for (int i = 0; i < 8; i++) {
      try (Jedis j = admin(i)) {
        pids.add(pid(j));
        if (j.info("replication").contains("role:slave")) {
          assertTrue(j.info("replication").contains("master_link_status:up"), "node " + i);
        }
      }
    }
  }

  @Test
  @Order(2)
  void withoutCredentialsRedisCliIsRefused() throws Exception {
    for (int i : List.of(0, 3, 6, 7)) {
      Process p = new ProcessBuilder("redis-cli", "-h", address(i), "-p", Integer.toString(ports.get(i)), "SET", "k", "v")
          .redirectErrorStream(true).start();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "redis-cli timed out");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(out.contains("NOAUTH"), "node " + i + " answered without credentials: " + out);
    }
    assertThrows(JedisDataException.class, () -> login(0, null, "wrong").ping());
  }

  @Test
  @Order(3)
  void aclUserHasItsRulesOnly() {
    try (Jedis app = login(6, "app", APP_PW)) {
      assertEquals("OK", app.set("app:one", "1"));
      assertThrows(JedisDataException.class, () -> app.set("other", "1"));
      assertThrows(JedisDataException.class, () -> app.configGet("requirepass"));
      app.del("app:one");
    }
  }

  @Test
  @Order(4)
  void secretsAppearNowhereButRedisOwnFiles() throws IOException {
    for (long pid : pids) {
      String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
      for (String secret : List.of(CLUSTER_PW, FLEET_PW, APP_PW)) {
        assertFalse(cmdline.contains(secret), "pid " + pid + " command line holds a secret: " + cmdline);
      }
    }
    String logged = logs.toString(StandardCharsets.UTF_8) + printed;
    for (String secret : List.of(CLUSTER_PW, FLEET_PW, APP_PW)) {
      assertFalse(logged.contains(secret), "a secret was logged or printed");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".pw")) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        boolean conf = f.getParent().getFileName().toString().equals("nodes") && name.endsWith(".conf");
        if (conf || name.equals("users.acl")) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
          assertFalse(perms.contains(PosixFilePermission.OTHERS_READ), f + " is world-readable");
          assertFalse(perms.contains(PosixFilePermission.GROUP_WRITE), f + " is group-writable");
        }
        if (!conf) { // masterauth must be in clear in the conf; nowhere else (ACL file: hashes only)
          for (String secret : List.of(CLUSTER_PW, FLEET_PW, APP_PW)) {
            assertFalse(text.contains(secret), f + " holds a secret");
          }
        }
      }
    }
  }

  @Test
  @Order(5)
  void passwordChangeIsLiveAndKeepsReplication() throws IOException {
    Files.writeString(dir.resolve("cluster.pw"), NEW_CLUSTER_PW);
    Cli plan = cli("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("requirepass"), plan.out());
    List<Long> before = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try (Jedis j = admin(i)) {
        before.add(pid(j));
      }
    }
    Cli apply = cli("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    for (int i = 0; i < 6; i++) {
      try (Jedis j = login(i, null, NEW_CLUSTER_PW)) {
        assertEquals(before.get(i), pid(j), "node " + i + " was restarted for a password change");
        if (j.info("replication").contains("role:slave")) {
          assertTrue(j.info("replication").contains("master_link_status:up"), "node " + i);
        }
      }
      int node = i;
      assertThrows(JedisDataException.class, () -> login(node, null, CLUSTER_PW).ping());
    }
    assertEquals(0, cli("verify", file).exit());
    assertEquals(0, cli("plan", file).exit());
    String logged = logs.toString(StandardCharsets.UTF_8) + printed;
    assertFalse(logged.contains(NEW_CLUSTER_PW), "the new secret was logged or printed");
  }

  /** Copies what is logged to stderr into a buffer as well. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
