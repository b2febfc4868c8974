package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.v1.AclUser;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ClusterMeetRequest;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.RedisAuth;
import io.redisfleet.agent.v1.ReplicaOfRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Injection attempts sent straight at the agent over real gRPC (Netty on loopback), bypassing the
 * controller's validation: every one is refused with INVALID_ARGUMENT and a message, nothing is
 * written anywhere, the agent keeps serving and still applies a valid node afterwards.
 */
class AgentDefenceIT {

  @TempDir Path root;
  private Path state;
  private Path sibling;
  private AgentServer server;
  private ManagedChannel channel;
  private final TestNodes nodes = new TestNodes();

  @BeforeEach
  void start() throws Exception {
    state = Files.createDirectories(root.resolve("agent"));
    sibling = Files.createDirectories(root.resolve("sibling"));
    Files.writeString(sibling.resolve("keep.txt"), "untouched");
    server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        AgentConfig.underStateDir(state, "127.0.0.1", AgentConfig.Backend.PROCESS));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
        .maxInboundMessageSize(8 << 20).build();
  }

  @AfterEach
  void stop() {
    nodes.killAll(state);
    channel.shutdownNow();
    server.close();
  }

  private AgentGrpc.AgentBlockingStub agent() {
    return AgentGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** One attack: a name for the failure message, what the refusal must mention, the spec. */
  private record Attack(String name, String mentioned, NodeSpec spec) {}

  private static Directive d(String name, String... args) {
    return Directive.newBuilder().setName(name).addAllArgs(List.of(args)).build();
  }

  private static List<Attack> attacks(int port) {
    UnaryOperator<NodeSpec.Builder> base = b -> b.setPort(port);
    List<Attack> out = new ArrayList<>();
    java.util.function.BiConsumer<String, Directive> directive = (what, dir) -> out.add(new Attack(
        what, "node " + port, base.apply(NodeSpec.newBuilder()).addDirectives(dir).build()));
    directive.accept("arg with newline", d("maxmemory", "1mb\ninclude /etc/passwd"));
    directive.accept("arg with CR", d("maxmemory", "1mb\rloadmodule /tmp/x.so"));
    directive.accept("arg with NUL", d("syslog-ident", "a\0b"));
    for (String owned : List.of("dir", "include", "loadmodule", "rename-command", "logfile", "pidfile",
        "dbfilename", "appendfilename", "cluster-config-file", "requirepass", "masterauth", "aclfile",
        "user", "tls-cert-file", "unixsocket", "port", "bind", "replicaof", "slaveof", "daemonize")) {
      directive.accept("owned " + owned, d(owned, "../sibling/x"));
    }
    directive.accept("name with space", d("max memory", "1"));
    directive.accept("name with ../", d("../sibling/x", "1"));
    directive.accept("name with newline", d("maxmemory\ndir", "/"));
    directive.accept("empty name", d("", "1"));
    directive.accept("huge value", d("syslog-ident", "x".repeat(200_000)));
    directive.accept("huge name", d("a".repeat(10_000), "1"));
    directive.accept("many args", d("save", new ArrayList<>(java.util.Collections.nCopies(1000, "1"))
        .toArray(String[]::new)));
    NodeSpec.Builder many = base.apply(NodeSpec.newBuilder());
    for (int i = 0; i < 5000; i++) {
      many.addDirectives(d("save", "900", "1"));
    }
    out.add(new Attack("many directives", "directives", many.build()));
    for (int bad : List.of(0, -1, 70000, 55536)) {
      out.add(new Attack("port " + bad, "port", NodeSpec.newBuilder().setPort(bad).build()));
    }
    for (String bind : List.of("127.0.0.1\ninclude /etc/passwd", "../sibling", "127.0.0.1 0.0.0.0", "", "a\0")) {
      out.add(new Attack("bind " + bind, "bind", base.apply(NodeSpec.newBuilder()).addBind(bind).build()));
    }
    for (String host : List.of("127.0.0.1\nloadmodule /x.so", "../../etc", "h 1", "")) {
      out.add(new Attack("replica_of host " + host, "replica_of", base.apply(NodeSpec.newBuilder())
          .setReplicaOf(Endpoint.newBuilder().setHost(host).setPort(7000)).build()));
    }
    out.add(new Attack("replica_of port", "replica_of", base.apply(NodeSpec.newBuilder())
        .setReplicaOf(Endpoint.newBuilder().setHost("127.0.0.1").setPort(70000)).build()));
    for (String pw : List.of("pw\nrequirepass x", "pw\r", "with space", "", "x".repeat(100_000))) {
      out.add(new Attack("password", "auth.password", base.apply(NodeSpec.newBuilder())
          .setAuth(RedisAuth.newBuilder().setPassword(pw)).build()));
    }
    for (String rule : List.of("+@all\nuser evil on nopass ~* +@all", ">inline", "~* +@all", "")) {
      out.add(new Attack("ACL rule", "rule", base.apply(NodeSpec.newBuilder()).setAuth(RedisAuth.newBuilder()
          .setPassword("fleet-pw").addUsers(AclUser.newBuilder().setName("app").addRules(rule))).build()));
    }
    for (String user : List.of("../evil", "a b", "a\nuser x", "redis-fleet")) {
      out.add(new Attack("ACL user", "ACL user name", base.apply(NodeSpec.newBuilder()).setAuth(RedisAuth.newBuilder()
          .setPassword("fleet-pw").addUsers(AclUser.newBuilder().setName(user).addRules("on"))).build()));
    }
    out.add(new Attack("ACL user password", "password of ACL user", base.apply(NodeSpec.newBuilder())
        .setAuth(RedisAuth.newBuilder().setPassword("fleet-pw").addUsers(AclUser.newBuilder().setName("app")
            .addPasswords("p\nuser x on nopass"))).build()));
    return out;
  }

  @Test
  void everyInjectionIsRefusedAndNothingIsWritten() throws Exception {
    int port = TestNodes.freePort();
    Set<String> before = tree(root);
    List<String> failures = new ArrayList<>();
    List<Attack> attacks = attacks(port);
    for (Attack attack : attacks) {
      for (boolean dryRun : List.of(true, false)) {
        try {
          ApplyNodeResponse r = agent().applyNode(
              ApplyNodeRequest.newBuilder().setSpec(attack.spec()).setDryRun(dryRun).build());
          nodes.remember(r.getPid());
          failures.add(attack.name() + ": accepted (" + r.getDetail() + ")");
        } catch (StatusRuntimeException e) {
          String why = check(e, attack.mentioned());
          if (why != null) {
            failures.add(attack.name() + ": " + why);
          }
        }
      }
    }
    refuse(failures, "ReplicaOf newline host", "master.host", () -> agent().replicaOf(ReplicaOfRequest.newBuilder()
        .setPort(port).setMaster(Endpoint.newBuilder().setHost("127.0.0.1\nx").setPort(7000)).build()));
    refuse(failures, "ClusterMeet ../ host", "target.host", () -> agent().clusterMeet(ClusterMeetRequest.newBuilder()
        .setPort(port).setTarget(Endpoint.newBuilder().setHost("../../etc").setPort(7000)).build()));
    refuse(failures, "ReplicaOf port -1", "port", () -> agent().replicaOf(ReplicaOfRequest.newBuilder()
        .setPort(-1).build()));
    assertTrue(failures.isEmpty(), attacks.size() + " attacks, these were not refused properly:\n"
        + String.join("\n", failures));
    assertEquals(before, tree(root), "a refused request wrote or removed a file");
    assertServing();

    ApplyNodeResponse ok = agent().applyNode(ApplyNodeRequest.newBuilder().setSpec(NodeSpec.newBuilder()
        .setPort(port).addDirectives(d("maxmemory", "10mb"))).build());
    nodes.remember(ok.getPid());
    assertTrue(ok.getChanged() && ok.getPid() > 0, ok.toString());
    try (Jedis j = TestNodes.jedis(port)) {
      assertEquals("10485760", j.configGet("maxmemory").get("maxmemory"));
    }
    Set<String> added = new TreeSet<>(tree(root));
    added.removeAll(before);
    String agentDirs = root.relativize(state) + "/";
    assertTrue(added.stream().allMatch(p -> p.startsWith(agentDirs + "nodes") || p.startsWith(agentDirs + "data")),
        "files outside the agent's confDir/dataRoot: " + added);
    assertEquals(Set.of("sibling", "sibling/keep.txt"),
        tree(root).stream().filter(p -> p.startsWith("sibling")).collect(Collectors.toSet()));
    assertEquals("untouched", Files.readString(sibling.resolve("keep.txt")));
    assertServing();
  }

  private void refuse(List<String> failures, String name, String mentioned, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run, name);
    String why = check(e, mentioned);
    if (why != null) {
      failures.add(name + ": " + why);
    }
  }

  /** Null when the refusal is INVALID_ARGUMENT with a one-line message naming the field; else why not. */
  private static String check(StatusRuntimeException e, String mentioned) {
    Status s = e.getStatus();
    String message = s.getDescription() == null ? "" : s.getDescription();
    if (s.getCode() != Status.Code.INVALID_ARGUMENT) {
      return "status " + s;
    }
    if (!message.contains(mentioned)) {
      return "message does not mention '" + mentioned + "': " + message;
    }
    if (message.contains("\n") || message.contains("\r") || message.length() > 500) {
      return "message echoes the raw value: " + message.substring(0, Math.min(200, message.length()));
    }
    return null;
  }

  private void assertServing() {
    ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(AgentGrpc.SERVICE_NAME).build()).getStatus();
    assertEquals(ServingStatus.SERVING, status);
  }

  /** Every path below dir, relative to it. */
  private static Set<String> tree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
