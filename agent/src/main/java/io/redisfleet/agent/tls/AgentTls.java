package io.redisfleet.agent.tls;

import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.redisfleet.agent.AgentException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Server credentials for the agent's gRPC port: TLS 1.3 only, the agent's certificate, and a
 * client certificate signed by the fleet CA required on every connection.
 *
 * <p>Built on a Netty {@link SslContext} rather than {@code TlsServerCredentials}, which cannot
 * restrict the protocol version. BoringSSL (bundled with grpc-netty-shaded) is preferred because
 * its alerts tell the controller what is wrong with its certificate — {@code certificate_required},
 * {@code certificate_expired} — where the JDK sends {@code bad_certificate} for both; the JDK
 * provider is the fallback on platforms without the native library.
 */
public final class AgentTls {

  public static final String PROTOCOL = "TLSv1.3";

  private AgentTls() {}

  /** Credentials for {@code Grpc.newServerBuilderForPort} / {@code NettyServerBuilder.forAddress}. */
  public static ServerCredentials serverCredentials(TlsFiles files) throws AgentException {
    return NettySslContextServerCredentials.create(serverContext(files));
  }

  static SslContext serverContext(TlsFiles files) throws AgentException {
    List<java.nio.file.Path> pending = files.notReady();
    if (!pending.isEmpty()) {
      throw new AgentException(AgentException.Kind.NEEDS_OPERATOR,
          "TLS bundle in " + files.dir() + " is incomplete: missing or unreadable " + pending);
    }
    try {
      SslContextBuilder builder = SslContextBuilder
          .forServer(files.certificate().toFile(), files.key().toFile());
      return GrpcSslContexts.configure(builder, provider())
          .trustManager(ClientCertificateTrust.load(files))
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOL)
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new AgentException(AgentException.Kind.NEEDS_OPERATOR,
          "TLS bundle in " + files.dir() + " cannot be loaded: " + rootMessage(e), e);
    }
  }

  static SslProvider provider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
  }
}
