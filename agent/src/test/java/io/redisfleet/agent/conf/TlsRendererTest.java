package io.redisfleet.agent.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.service.ProcessServiceManager;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.RedisTls;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TlsRendererTest {

  private static final AgentConfig CONFIG = AgentConfig.installed("10.0.0.5");
  private static final String KEY = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n";
  private static final RedisTls TLS = RedisTls.newBuilder()
      .setCertPem("-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n")
      .setCaPem("-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n")
      .setKeyPem(KEY).setAuthClients("optional").build();

  @Test
  void tlsClusterNodeMatchesGoldenAndHasNoPlaintextPort() throws Exception {
    NodeSpec spec = NodeSpec.newBuilder().setPort(7000).setClusterEnabled(true).setTls(TLS)
        .addDirectives(Directive.newBuilder().setName("cluster-node-timeout").addArgs("15000")).build();
    String conf = render(spec);
    assertEquals(golden("tls-cluster-node.conf"), conf);
    assertFalse(conf.contains("c2VjcmV0"), "the key goes into a file, never into the conf");
  }

  /**
   * Redis 6.0 (Debian 11, Ubuntu 22.04) knows no tls-client-cert-file / tls-client-key-file (6.2+)
   * and refuses to start on them: the TLS conf uses only what 6.0 knows, the node's certificate
   * serving both ways (its clientAuth usage is issued for that), on every host version alike.
   */
  @Test
  void tlsConfUsesOnlyDirectivesRedis60Knows() throws Exception {
    java.util.Set<String> redis60Tls = java.util.Set.of("tls-port", "tls-cert-file", "tls-key-file",
        "tls-ca-cert-file", "tls-auth-clients", "tls-replication", "tls-cluster");
    String conf = render(NodeSpec.newBuilder().setPort(7000).setClusterEnabled(true).setTls(TLS).build());
    java.util.List<String> tls = conf.lines().map(l -> l.split(" ", 2)[0]).filter(n -> n.startsWith("tls-")).toList();
    assertEquals(redis60Tls, java.util.Set.copyOf(tls), conf);
    assertFalse(conf.contains("tls-client-"), conf);
  }

  @Test
  void confNamesTheFilesTheAgentDialsWith() throws Exception {
    String conf = render(NodeSpec.newBuilder().setPort(7000).setTls(TLS).build());
    var tls = ConfCredentials.tlsOf(conf).orElseThrow();
    assertEquals(Path.of("/var/lib/redis-fleet/7000/tls/redis.key"), tls.key());
    assertEquals(Path.of("/var/lib/redis-fleet/7000/tls/ca.crt"), tls.ca());
    assertTrue(ConfCredentials.tlsOf(render(NodeSpec.newBuilder().setPort(7000).build())).isEmpty());
  }

  @Test
  void turningTlsOnNeedsARestart() throws Exception {
    ConfDiff diff = ConfDiff.between(render(NodeSpec.newBuilder().setPort(7000).build()),
        render(NodeSpec.newBuilder().setPort(7000).setTls(TLS).build()));
    assertTrue(diff.names().contains("port") && diff.names().contains("tls-port"), diff.names().toString());
    assertFalse(diff.allLive());
  }

  @Test
  void refusesBadAuthClientsAndNonPemWithoutQuotingTheKey() {
    for (RedisTls bad : new RedisTls[] {TLS.toBuilder().setAuthClients("maybe").build(),
        TLS.toBuilder().setKeyPem("secret-key-bytes\ntls-port 1").build(),
        TLS.toBuilder().setCertPem("").build(), TLS.toBuilder().setCaPem(KEY).build()}) {
      AgentException e = assertThrows(AgentException.class,
          () -> render(NodeSpec.newBuilder().setPort(7000).setTls(bad).build()));
      assertEquals(AgentException.Kind.INVALID_REQUEST, e.kind());
      assertTrue(e.getMessage().contains("7000") && e.getMessage().contains("tls."), e.getMessage());
      assertFalse(e.getMessage().contains("secret-key"), e.getMessage());
    }
  }

  @Test
  void refusesTlsDirectivesInTheSpec() {
    for (String owned : new String[] {"tls-port", "tls-cluster", "tls-replication", "tls-auth-clients", "tls-key-file"}) {
      assertThrows(AgentException.class, () -> render(NodeSpec.newBuilder().setPort(7000)
          .addDirectives(Directive.newBuilder().setName(owned).addArgs("x")).build()), owned);
    }
  }

  private static String render(NodeSpec spec) throws AgentException {
    var node = CONFIG.node(spec.getPort());
    return ConfRenderer.render(spec, node, new ProcessServiceManager(CONFIG).confLines(node), CONFIG.hostAddress());
  }

  private static String golden(String name) throws Exception {
    try (InputStream in = TlsRendererTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
