package io.redisfleet.agent.tls;

import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
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
 * restrict the protocol version. The JDK provider is used so handshake failures carry the JDK's
 * certificate exceptions and alerts, which the controller turns into clear messages.
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
      return GrpcSslContexts.configure(builder, SslProvider.JDK)
          .trustManager(files.ca().toFile())
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOL)
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new AgentException(AgentException.Kind.NEEDS_OPERATOR,
          "TLS bundle in " + files.dir() + " cannot be loaded: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
  }
}
