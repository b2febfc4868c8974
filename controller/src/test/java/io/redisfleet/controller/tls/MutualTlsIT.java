package io.redisfleet.controller.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.protobuf.services.HealthStatusManager;
import io.redisfleet.agent.tls.AgentTls;
import io.redisfleet.agent.tls.TlsFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real gRPC over Netty on 127.0.0.1: the agent's server credentials against the controller's channels. */
@Timeout(60)
class MutualTlsIT {

  @TempDir
  Path dir;

  TestFleet fleet;
  Server server;
  ManagedChannel channel;
  final AtomicReference<SSLSession> session = new AtomicReference<>();

  @BeforeEach
  void fleet() {
    fleet = new TestFleet(dir);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void mutualTls13Works() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1", "h1.example")));
    assertEquals(ServingStatus.SERVING, check(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.CURRENT)),
        AgentTarget.tls("h1", "127.0.0.1", port)));
    assertEquals("TLSv1.3", session.get().getProtocol());
    assertTrue(session.get().getPeerPrincipal().getName().contains("CN=controller"), session.get().getPeerPrincipal().getName());
  }

  @Test
  void dnsNameIsCheckedAgainstDnsSans() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "localhost")));
    assertEquals(ServingStatus.SERVING, check(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.CURRENT)),
        AgentTarget.tls("h1", "localhost", port)));
  }

  @Test
  void agentCertificateFromAnotherCaIsRefused() throws Exception {
    TestFleet other = new TestFleet(dir.resolve("other"));
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(other, TestFleet.CURRENT, "127.0.0.1")));
    assertRefused(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.CURRENT)), port,
        "TLS handshake failed: certificate not signed by the fleet CA");
  }

  @Test
  void expiredAgentCertificateIsRefused() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.EXPIRED, "127.0.0.1")));
    assertRefused(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.CURRENT)), port,
        "TLS handshake failed: certificate expired on " + TestFleet.EXPIRED.notAfter());
  }

  @Test
  void agentCertificateForAnotherAddressIsRefused() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.2", "h1.example")));
    assertRefused(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.CURRENT)), port,
        "TLS handshake failed: certificate does not name 127.0.0.1 (names: 127.0.0.2, h1.example)");
  }

  @Test
  void dnsNameSanDoesNotCoverAnIpAddress() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "localhost")));
    assertRefused(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.CURRENT)), port,
        "TLS handshake failed: certificate does not name 127.0.0.1 (names: localhost)");
  }

  @Test
  void controllerWithoutClientCertificateIsRefused() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1")));
    var anonymous = new AgentChannels(Optional.of(AgentChannels.clientContext(fleet.controllerBundle(
        TestFleet.CURRENT).caCertificate(), Optional.empty())));
    assertRefused(anonymous, port, "TLS handshake failed: agent requires a client certificate");
  }

  @Test
  void controllerCertificateFromAnotherCaIsRefused() throws Exception {
    TestFleet other = new TestFleet(dir.resolve("other"));
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1")));
    assertRefused(AgentChannels.mutualTls(fleet.controllerBundle(other, TestFleet.CURRENT)), port,
        "TLS handshake failed: agent refused the controller certificate"
            + (OpenSsl.isAvailable() ? ": not signed by the agent's fleet CA" : ""));
  }

  @Test
  void expiredControllerCertificateIsRefused() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1")));
    assertRefused(AgentChannels.mutualTls(fleet.controllerBundle(TestFleet.EXPIRED)), port,
        "TLS handshake failed: agent refused the controller certificate"
            + (OpenSsl.isAvailable() ? ": it has expired" : ""));
  }

  @Test
  void agentRefusesTls12() throws Exception {
    int port = serve(AgentTls.serverCredentials(fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1")));
    ControllerTls c = fleet.controllerBundle(TestFleet.CURRENT);
    SslContext tls12 = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .trustManager(c.caCertificate().toFile())
        .keyManager(c.certificate().toFile(), c.key().toFile())
        .protocols("TLSv1.2")
        .build();
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, NettySslContextChannelCredentials.create(tls12))
        .build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()));
    assertEquals(Optional.of("agent and controller share no TLS version (TLS 1.3 required)"), TlsFailures.explain(e));
  }

  @Test
  void plaintextOnlyForLoopbackTargets() throws Exception {
    int port = serve(InsecureServerCredentials.create());
    assertEquals(ServingStatus.SERVING,
        check(AgentChannels.plaintextOnly(), new AgentTarget("local", "127.0.0.1", port, true)));
    var e = assertThrows(AgentChannelException.class,
        () -> AgentChannels.plaintextOnly().open(new AgentTarget("h1", "10.0.0.1", 7781, true)));
    assertEquals("agent h1 (10.0.0.1:7781): plaintext is allowed only for a loopback address; "
        + "give the agent a TLS bundle", e.getMessage());
    var noTls = assertThrows(AgentChannelException.class,
        () -> AgentChannels.plaintextOnly().open(AgentTarget.tls("h1", "127.0.0.1", port)));
    assertTrue(noTls.getMessage().startsWith("agent h1 (127.0.0.1:" + port + "): no controller TLS bundle"));
  }

  private void assertRefused(AgentChannels channels, int port, String expected) throws Exception {
    AgentTarget target = AgentTarget.tls("h1", "127.0.0.1", port);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check(channels, target));
    String message = TlsFailures.describe(target, e).orElseThrow(() -> new AssertionError("not explained", e));
    assertTrue(message.startsWith("agent h1 (127.0.0.1:" + port + "): " + expected), message);
  }

  private ServingStatus check(AgentChannels channels, AgentTarget target) throws Exception {
    channel = channels.open(target);
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }

  private int serve(ServerCredentials credentials) throws Exception {
    ServerInterceptor recordSession = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        session.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        return next.startCall(call, headers);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
        .addService(ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), recordSession))
        .build().start();
    return server.getPort();
  }
}
