package io.redisfleet.agent.tls;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslCertificateException;
import io.grpc.netty.shaded.io.netty.internal.tcnative.CertificateVerifier;
import io.redisfleet.agent.AgentException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts a client only with a certificate the fleet CA signed (the JDK's PKIX checks: chain,
 * expiry, clientAuth usage). A certificate from another CA is reported to BoringSSL as "unknown
 * issuer" so the controller receives an {@code unknown_ca} alert instead of {@code internal_error}.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {

  private final X509TrustManager pkix;

  private ClientCertificateTrust(X509TrustManager pkix) {
    this.pkix = pkix;
  }

  static ClientCertificateTrust load(TlsFiles files) throws AgentException {
    try {
      return new ClientCertificateTrust(io.redisfleet.contract.PemTls.trust(Files.readAllBytes(files.ca())));
    } catch (IOException | GeneralSecurityException e) {
      throw new AgentException(AgentException.Kind.NEEDS_OPERATOR,
          "TLS bundle in " + files.dir() + " cannot be loaded: ca.crt: " + e.getMessage(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      pkix.checkClientTrusted(chain, authType);
    } catch (CertificateException e) {
      if (AgentTls.provider() == io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider.OPENSSL && unknownIssuer(e)) {
        throw new OpenSslCertificateException("client certificate not signed by the fleet CA", e,
            CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
      }
      throw e;
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the agent makes no TLS client connections");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private static boolean unknownIssuer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException v
          && v.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
        return true;
      }
    }
    return false;
  }
}
