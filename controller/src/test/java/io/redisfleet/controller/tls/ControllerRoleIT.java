package io.redisfleet.controller.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.redisfleet.agent.tls.AgentTls;
import io.redisfleet.agent.tls.ControllerOnly;
import io.redisfleet.controller.pki.IssuedCertificate;
import io.redisfleet.controller.pki.LeafSpec;
import io.redisfleet.controller.pki.SubjectAltName;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gRPC over Netty with TLS on 127.0.0.1: only the certificate of {@code pki issue controller}
 * commands an agent. Every other certificate of the same fleet CA with clientAuth — a Redis node's,
 * the Redis client's, one issued before roles existed — is refused with PERMISSION_DENIED naming
 * the reason, and the agent logs the refusal.
 */
@Timeout(60)
class ControllerRoleIT {

  @TempDir
  Path dir;

  TestFleet fleet;
  Server server;
  ManagedChannel channel;
  final List<String> agentLog = new CopyOnWriteArrayList<>();
  int port;

  @BeforeEach
  void agent() throws Exception {
    fleet = new TestFleet(dir);
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
            AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1")))
        .intercept(new ControllerOnly(agentLog::add))
        .addService(new HealthStatusManager().getHealthService())
        .build().start();
    port = server.getPort();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void controllerCertificateCommands() throws Exception {
    assertEquals(ServingStatus.SERVING, check(fleet.controllerBundle(TestFleet.CURRENT)));
    assertTrue(agentLog.isEmpty(), agentLog.toString());
  }

  @Test
  void redisNodeCertificateIsRefused() throws Exception {
    var node = LeafSpec.redisNode("redis h1", List.of(SubjectAltName.parse("127.0.0.1")), TestFleet.CURRENT);
    assertRefused(fleet.clientBundle(node), "'CN=redis h1,O=redis-fleet'", "its role is redis-node");
  }

  @Test
  void redisClientCertificateIsRefused() throws Exception {
    assertRefused(fleet.clientBundle(LeafSpec.redisClient("redis-fleet redis client", TestFleet.CURRENT)),
        "'CN=redis-fleet redis client,O=redis-fleet'", "its role is redis-client");
  }

  @Test
  void certificateWithoutRoleIsRefused() throws Exception {
    assertRefused(fleet.clientBundle(withoutRole()), "'O=redis-fleet,CN=redis h1'",
        "it carries no redis-fleet role");
  }

  @Test
  void agentCertificateIsRefusedAtTheHandshake() throws Exception {
    var agent = LeafSpec.agent("h2", List.of(SubjectAltName.parse("127.0.0.1")), TestFleet.CURRENT);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check(fleet.clientBundle(agent)));
    // serverAuth only: PKIX refuses it in the handshake, before any call reaches the agent
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    assertTrue(agentLog.isEmpty(), agentLog.toString());
  }

  private void assertRefused(ControllerTls client, String subject, String reason) throws Exception {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check(client));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    String expected = "the client certificate " + subject + " is not the fleet controller's: " + reason;
    assertTrue(e.getStatus().getDescription().startsWith("agent refused the call: " + expected), e.getStatus().getDescription());
    assertTrue(e.getStatus().getDescription().endsWith(
        "only a certificate from 'controller pki issue controller' (role urn:redis-fleet:role:controller)"
            + " may command an agent"), e.getStatus().getDescription());
    assertEquals(1, agentLog.size(), agentLog.toString());
    assertTrue(agentLog.get(0).startsWith("agent: refused grpc.health.v1.Health/Check from /127.0.0.1:"), agentLog.get(0));
    assertTrue(agentLog.get(0).contains(expected), agentLog.get(0));
  }

  private ServingStatus check(ControllerTls client) throws Exception {
    channel = AgentChannels.mutualTls(client).open(AgentTarget.tls("h1", "127.0.0.1", port));
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }

  /** A Redis node certificate as redis-fleet issued them before roles: clientAuth, no role URI. */
  private IssuedCertificate withoutRole() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = gen.generateKeyPair();
    var builder = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(fleet.ca.certificate()).getSubject(),
        BigInteger.valueOf(42), Date.from(TestFleet.CURRENT.notBefore()), Date.from(TestFleet.CURRENT.notAfter()),
        new X500Name("CN=redis h1,O=redis-fleet"), pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    var cert = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(fleet.ca.key())));
    return new IssuedCertificate(cert, pair.getPrivate());
  }
}
