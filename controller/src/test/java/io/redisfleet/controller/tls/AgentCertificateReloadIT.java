package io.redisfleet.controller.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.redisfleet.agent.tls.AgentTls;
import io.redisfleet.agent.tls.TlsFiles;
import io.redisfleet.controller.pki.PemFiles;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A renewed agent certificate copied into the bundle is served without restarting the agent. */
@Timeout(60)
class AgentCertificateReloadIT {

  @TempDir
  Path dir;

  Server server;
  ManagedChannel channel;

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
  void renewedCertificateIsServedWithoutRestart() throws Exception {
    TestFleet fleet = new TestFleet(dir);
    TlsFiles bundle = fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1");
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
            AgentTls.serverCredentials(bundle, Duration.ofMillis(100)))
        .addService(new HealthStatusManager().getHealthService()).build().start();
    ControllerTls controller = fleet.controllerBundle(TestFleet.CURRENT);
    BigInteger first = servedSerial(controller);
    assertEquals(PemFiles.readCertificate(bundle.certificate()).getSerialNumber(), first);

    TlsFiles renewed = fleet.agentBundle(TestFleet.CURRENT, "127.0.0.1");
    // as an operator copies it: key first, then certificate, each replaced atomically
    Files.copy(renewed.key(), bundle.key(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(renewed.certificate(), bundle.certificate(), StandardCopyOption.REPLACE_EXISTING);
    BigInteger expected = PemFiles.readCertificate(renewed.certificate()).getSerialNumber();
    assertNotEquals(first, expected);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    BigInteger served = first;
    while (!served.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      served = servedSerial(controller);
    }
    assertEquals(expected, served, "the agent still serves its old certificate");
    channel = AgentChannels.mutualTls(controller).open(AgentTarget.tls("h1", "127.0.0.1", server.getPort()));
    assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus());
  }

  /** The serial of the certificate the agent presents to a new connection. */
  private BigInteger servedSerial(ControllerTls controller) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("c", PemFiles.readPrivateKey(controller.key()), new char[0],
        new X509Certificate[] {PemFiles.readCertificate(controller.certificate())});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemFiles.readCertificate(controller.caCertificate()));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(5000);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setSSLParameters(withAlpn(socket));
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  private static javax.net.ssl.SSLParameters withAlpn(SSLSocket socket) {
    javax.net.ssl.SSLParameters p = socket.getSSLParameters();
    p.setApplicationProtocols(new String[] {"h2"}); // gRPC's server insists on ALPN h2
    return p;
  }
}
