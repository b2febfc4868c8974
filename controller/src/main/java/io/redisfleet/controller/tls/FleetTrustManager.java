package io.redisfleet.controller.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * Trusts an agent only if its chain validates to the fleet CA (the JDK's PKIX checks, including
 * expiry and serverAuth) and its certificate names the address the controller dialled: an IP
 * literal against iPAddress SANs only, a host name against dNSName SANs only. The name check is
 * explicit rather than left to endpoint identification so a mismatch says which names it found.
 */
final class FleetTrustManager extends X509ExtendedTrustManager {

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private final X509TrustManager pkix;

  FleetTrustManager(X509TrustManager pkix) {
    this.pkix = pkix;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType);
    checkName(chain[0], engine == null ? null : engine.getPeerHost());
    if (engine != null && engine.getPeerHost() != null) {
      AgentCertificates.seen(engine.getPeerHost(), chain[0]);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("agent connections are made through gRPC's SSLEngine only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("no dialled address to check the agent certificate against");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the controller accepts no TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the controller accepts no TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the controller accepts no TLS clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  static void checkName(X509Certificate cert, String dialled) throws CertificateException {
    if (dialled == null || dialled.isEmpty()) {
      throw new CertificateException("no dialled address to check the agent certificate against");
    }
    String host = dialled.startsWith("[") ? dialled.substring(1, dialled.length() - 1) : dialled;
    boolean ip = IPAddress.isValid(host);
    List<String> names = new ArrayList<>();
    for (List<?> san : subjectAltNames(cert)) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (type == SAN_IP || type == SAN_DNS) {
        names.add(value);
      }
      if ((ip && type == SAN_IP && sameIp(host, value)) || (!ip && type == SAN_DNS && dnsMatches(value, host))) {
        return;
      }
    }
    throw new CertificateNameException(host, names);
  }

  private static Collection<List<?>> subjectAltNames(X509Certificate cert) throws CertificateParsingException {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    return sans == null ? List.of() : sans;
  }

  private static boolean sameIp(String a, String b) {
    return IPAddress.isValid(b) && Arrays.equals(octets(a), octets(b));
  }

  private static byte[] octets(String literal) {
    return new GeneralName(GeneralName.iPAddress, literal).getName().toASN1Primitive()
        instanceof org.bouncycastle.asn1.ASN1OctetString o ? o.getOctets() : new byte[0];
  }

  /** Exact match, or a leftmost "*" label standing for exactly one label. */
  static boolean dnsMatches(String pattern, String host) {
    String p = trimDot(pattern.toLowerCase(Locale.ROOT));
    String h = trimDot(host.toLowerCase(Locale.ROOT));
    if (p.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot + 1).equals(p.substring(2)) && p.length() > 2;
    }
    return p.equals(h);
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
