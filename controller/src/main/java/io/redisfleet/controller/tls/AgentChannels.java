package io.redisfleet.controller.tls;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.redisfleet.contract.IpLiterals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Opens gRPC channels from the controller to agents: mutual TLS 1.3 with the controller's
 * certificate, agents trusted only if the fleet CA signed their certificate and it names the
 * inventory address. Plaintext only where the inventory asks for it and the address is loopback.
 * One TLS context serves every channel.
 */
public final class AgentChannels {

  private final Optional<SslContext> tls;

  AgentChannels(Optional<SslContext> tls) {
    this.tls = tls;
  }

  /** Channels with mutual TLS from the controller bundle (plaintext loopback targets still allowed). */
  public static AgentChannels mutualTls(ControllerTls files) throws AgentChannelException {
    return new AgentChannels(Optional.of(clientContext(files.caCertificate(), Optional.of(files))));
  }

  /** For inventories whose agents are all plaintext on loopback: no TLS material needed. */
  public static AgentChannels plaintextOnly() {
    return new AgentChannels(Optional.empty());
  }

  /** A channel to the agent; failures of its calls are explained by {@link TlsFailures#describe}. */
  public ManagedChannel open(AgentTarget target) throws AgentChannelException {
    ChannelCredentials credentials;
    if (target.plaintext()) {
      if (!IpLiterals.isLoopback(target.address())) {
        throw new AgentChannelException(target.describe()
            + ": plaintext is allowed only for a loopback address; give the agent a TLS bundle");
      }
      credentials = InsecureChannelCredentials.create();
    } else {
      credentials = NettySslContextChannelCredentials.create(tls.orElseThrow(() -> new AgentChannelException(
          target.describe() + ": no controller TLS bundle configured (see 'controller pki issue controller')")));
    }
    // The address is the authority, so it is what the agent's certificate is checked against.
    return Grpc.newChannelBuilderForAddress(target.address(), target.port(), credentials).build();
  }

  static SslContext clientContext(Path caFile, Optional<ControllerTls> identity) throws AgentChannelException {
    try {
      SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
          .trustManager(new FleetTrustManager(pkixTrusting(caFile)))
          .protocols("TLSv1.3");
      if (identity.isPresent()) {
        builder.keyManager(ClientKeyManager.load(identity.get()));
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new AgentChannelException("controller TLS bundle cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager pkixTrusting(Path caFile) throws AgentChannelException {
    try (InputStream in = Files.newInputStream(caFile)) {
      X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("fleet-ca", ca);
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (var tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new AgentChannelException("no X.509 trust manager available for " + caFile);
    } catch (IOException | GeneralSecurityException e) {
      throw new AgentChannelException("fleet CA " + caFile + " cannot be loaded: " + e.getMessage(), e);
    }
  }
}
