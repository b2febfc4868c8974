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
import io.grpc.util.AdvancedTlsX509KeyManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

  /** How often the agent looks for a renewed agent.crt/agent.key (cheap: a stat of two files). */
  public static final Duration RELOAD_EVERY = Duration.ofMinutes(1);

  private static final ScheduledExecutorService RELOADER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "agent-tls-reload");
    t.setDaemon(true);
    return t;
  });

  /** Credentials for {@code Grpc.newServerBuilderForPort} / {@code NettyServerBuilder.forAddress}. */
  public static ServerCredentials serverCredentials(TlsFiles files) throws AgentException {
    return serverCredentials(files, RELOAD_EVERY);
  }

  /**
   * As above, re-reading agent.crt and agent.key every {@code reloadEvery} when they changed: a
   * renewed certificate copied into the bundle is served to the next connection, with no restart
   * (running connections keep theirs). A half-copied pair is not taken; the old one stays.
   */
  public static ServerCredentials serverCredentials(TlsFiles files, Duration reloadEvery) throws AgentException {
    return NettySslContextServerCredentials.create(serverContext(files, reloadEvery));
  }

  static SslContext serverContext(TlsFiles files) throws AgentException {
    return serverContext(files, RELOAD_EVERY);
  }

  static SslContext serverContext(TlsFiles files, Duration reloadEvery) throws AgentException {
    List<java.nio.file.Path> pending = files.notReady();
    if (!pending.isEmpty()) {
      throw new AgentException(AgentException.Kind.NEEDS_OPERATOR,
          "TLS bundle in " + files.dir() + " is incomplete: missing or unreadable " + pending);
    }
    try {
      AdvancedTlsX509KeyManager identity = new AdvancedTlsX509KeyManager();
      identity.updateIdentityCredentials(files.certificate().toFile(), files.key().toFile());
      RELOADER.scheduleWithFixedDelay(new CertificateReloader(files, identity,
              org.slf4j.LoggerFactory.getLogger(AgentTls.class)::info),
          reloadEvery.toMillis(), reloadEvery.toMillis(), TimeUnit.MILLISECONDS);
      SslContextBuilder builder = SslContextBuilder.forServer(identity);
      return GrpcSslContexts.configure(builder, provider())
          .trustManager(ClientCertificateTrust.load(files))
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOL)
          .build();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
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
