package io.redisfleet.controller.tls;

import io.redisfleet.controller.pki.PemFiles;
import io.redisfleet.controller.pki.PkiException;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the controller certificate to every agent, even when the agent's CertificateRequest
 * lists CAs that did not sign it. The JDK's own key manager would then send no certificate, and
 * the agent could only say "certificate required"; sending it lets the agent say what is wrong.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "controller";

  private final X509Certificate certificate;
  private final PrivateKey key;

  private ClientKeyManager(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  static ClientKeyManager load(ControllerTls files) throws AgentChannelException {
    try {
      return new ClientKeyManager(PemFiles.readCertificate(files.certificate()), PemFiles.readPrivateKey(files.key()));
    } catch (PkiException e) {
      throw new AgentChannelException("controller TLS bundle cannot be loaded: " + e.getMessage(), e);
    }
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
