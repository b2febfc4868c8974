package io.redisfleet.agent.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.service.ProcessServiceManager;
import io.redisfleet.agent.service.SystemdServiceManager;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.NodeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfRendererTest {

  private static final AgentConfig CONFIG = AgentConfig.installed("10.0.0.5");

  @Test
  void clusterNodeMatchesGolden() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000).setClusterEnabled(true)
        .addDirectives(d("cluster-node-timeout", "15000")).addDirectives(d("appendonly", "yes")).build();
    assertEquals(golden("cluster-node.conf"), render(spec));
  }

  @Test
  void clusterNodeUnderSystemdLogsToTheJournal() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000).setClusterEnabled(true)
        .addDirectives(d("cluster-node-timeout", "15000")).addDirectives(d("appendonly", "yes")).build();
    var node = CONFIG.node(7000);
    String conf = ConfRenderer.render(spec, node, new SystemdServiceManager(CONFIG).confLines(node), CONFIG.hostAddress());
    assertEquals(golden("cluster-node-systemd.conf"), conf);
    assertEquals(List.of(List.of("")), ConfDiff.parse(conf).get("logfile"), "one logfile, empty: the journal");
  }

  /** Redis 6.x refuses appenddirname ("Bad directive"): its conf is the 7.0 one without that line. */
  @Test
  void redis6ConfHasNoAppendDirectory() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000).setClusterEnabled(true)
        .addDirectives(d("cluster-node-timeout", "15000")).addDirectives(d("appendonly", "yes")).build();
    var node = CONFIG.node(7000);
    var lines = new SystemdServiceManager(CONFIG).confLines(node);
    String conf = ConfRenderer.render(spec, node, lines, CONFIG.hostAddress(), false);
    assertEquals(golden("cluster-node-systemd.conf").replace("appenddirname appendonlydir\n", ""), conf);
  }

  @Test
  void replicaNodeMatchesGolden() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(6378).addBind("127.0.0.1")
        .setReplicaOf(Endpoint.newBuilder().setHost("10.0.0.5").setPort(6379))
        .addDirectives(d("repl-diskless-sync-delay", "0")).build();
    assertEquals(golden("replica-node.conf"), render(spec));
  }

  @Test
  void plainMasterWithExtraDirectivesMatchesGolden() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(6379)
        .addDirectives(d("save", "900", "1")).addDirectives(d("save", "300", "10"))
        .addDirectives(d("maxmemory", "100mb")).addDirectives(d("maxmemory-policy", "allkeys-lru"))
        .addDirectives(d("notify-keyspace-events", ""))
        .addDirectives(d("syslog-ident", "pass word \"quoted\" \\ back")).build();
    assertEquals(golden("plain-master.conf"), render(spec));
  }

  @Test
  void loopbackHostAddressBindsLoopbackOnlyAndStaysProtected() throws Exception {
    AgentConfig local = AgentConfig.installed("127.0.0.1");
    String conf = ConfRenderer.render(NodeSpec.newBuilder().setPort(7000).build(), local.node(7000),
        List.of(), local.hostAddress());
    assertTrue(conf.contains("\nbind 127.0.0.1\nprotected-mode yes\n"), conf);
  }

  @Test
  void refusesDirectivesTheAgentOwns() {
    for (String owned : List.of("dir", "pidfile", "include", "daemonize", "port", "slaveof", "loadmodule",
        "rename-command", "cluster-config-file", "logfile")) {
      AgentException e = assertThrows(AgentException.class,
          () -> render(NodeSpec.newBuilder().setPort(7000).addDirectives(d(owned, "x")).build()));
      assertEquals(AgentException.Kind.INVALID_REQUEST, e.kind());
      assertTrue(e.getMessage().contains(owned) && e.getMessage().contains("7000"), e.getMessage());
    }
  }

  @Test
  void refusesBadNamesAndInjectedLines() {
    for (Directive bad : List.of(d("Maxmemory", "1"), d("max memory", "1"), d("", "1"),
        d("maxmemory", "1\ninclude /etc/passwd"), d("maxmemory", "1\r"), d("maxmemory", "a\0b"))) {
      AgentException e = assertThrows(AgentException.class,
          () -> render(NodeSpec.newBuilder().setPort(7000).addDirectives(bad).build()));
      assertEquals(AgentException.Kind.INVALID_REQUEST, e.kind());
    }
  }

  @Test
  void refusesBadPortsAndAddresses() {
    assertThrows(AgentException.class, () -> ConfRenderer.validate(NodeSpec.newBuilder().setPort(0).build()));
    assertThrows(AgentException.class, () -> ConfRenderer.validate(NodeSpec.newBuilder().setPort(55536).build()));
    assertThrows(AgentException.class, () -> render(NodeSpec.newBuilder().setPort(7000).addBind("1.2.3.4 5").build()));
    assertThrows(AgentException.class, () -> ConfRenderer.validate(NodeSpec.newBuilder().setPort(7000)
        .setReplicaOf(Endpoint.newBuilder().setHost("h\nx").setPort(1)).build()));
  }

  @Test
  void quotingRoundTripsThroughTheRedisSplitter() {
    List<String> args = List.of("plain", "", "two words", "q\"uote", "back\\slash", "tab\t", "#hash", "it's");
    assertEquals(args, ConfSyntax.split(ConfSyntax.line("x", args)).subList(1, args.size() + 1));
  }

  private static String render(NodeSpec spec) throws AgentException {
    return ConfRenderer.render(spec, CONFIG.node(spec.getPort()),
        new ProcessServiceManager(CONFIG).confLines(CONFIG.node(spec.getPort())), CONFIG.hostAddress());
  }

  static Directive d(String name, String... args) {
    return Directive.newBuilder().setName(name).addAllArgs(List.of(args)).build();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ConfRendererTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void passwordAuthRendersMasterauthBeforeRequirepass() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000)
        .setAuth(io.redisfleet.agent.v1.RedisAuth.newBuilder().setPassword("s3cret")).build();
    String conf = render(spec);
    assertTrue(conf.contains("\nmasterauth s3cret\nrequirepass s3cret\n"), conf);
  }

  @Test
  void aclAuthWritesHashesOnlyAndTheFleetUser() throws Exception {
    io.redisfleet.agent.v1.RedisAuth auth = io.redisfleet.agent.v1.RedisAuth.newBuilder().setPassword("fleetpw")
        .addUsers(io.redisfleet.agent.v1.AclUser.newBuilder().setName("app").addPasswords("apppw")
            .addRules("on").addRules("~app:*").addRules("+@read")).build();
    String conf = render(NodeSpec.newBuilder().setPort(6379).setAuth(auth).build());
    assertTrue(conf.contains("\naclfile /var/lib/redis-fleet/6379/users.acl\nmasteruser redis-fleet\nmasterauth fleetpw\n"), conf);
    assertTrue(!conf.contains("requirepass"), conf);
    String acl = AuthRenderer.aclText(auth);
    assertEquals(List.of("redis-fleet", "default", "app"), acl.lines().map(l -> l.split(" ")[1]).toList());
    assertTrue(acl.contains("user default off "), acl);
    assertTrue(acl.contains("user app reset on ~app:* +@read #"), acl);
    assertTrue(!acl.contains("apppw") && !acl.contains("fleetpw"), acl);
  }

  @Test
  void refusesPasswordsInRulesAndBadSecrets() {
    for (String rule : List.of(">pw", "<pw", "#abc", "!abc", "resetpass", "on off")) {
      io.redisfleet.agent.v1.RedisAuth auth = io.redisfleet.agent.v1.RedisAuth.newBuilder().setPassword("pw")
          .addUsers(io.redisfleet.agent.v1.AclUser.newBuilder().setName("app").addRules(rule)).build();
      assertThrows(AgentException.class, () -> ConfRenderer.validate(NodeSpec.newBuilder().setPort(1).setAuth(auth).build()), rule);
    }
    for (String pw : List.of("", "a b", "x\ny", "\0")) {
      AgentException e = assertThrows(AgentException.class, () -> ConfRenderer.validate(NodeSpec.newBuilder().setPort(1)
          .setAuth(io.redisfleet.agent.v1.RedisAuth.newBuilder().setPassword(pw)).build()));
      assertTrue(pw.isEmpty() || !e.getMessage().contains(pw), e.getMessage());
    }
    assertThrows(AgentException.class, () -> ConfRenderer.validate(NodeSpec.newBuilder().setPort(1)
        .addDirectives(d("requirepass", "x")).build()));
  }
}
