package io.redisfleet.controller.pki;

import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One subjectAltName entry. IP literals become iPAddress entries (TLS clients check IP targets
 * against those only, never against dNSName); everything else must be a DNS name.
 */
public record SubjectAltName(Kind kind, String value) {

  /** The two kinds of names an agent is reached by. */
  public enum Kind { IP, DNS }

  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern DNS = Pattern.compile(
      "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  /** Parses an address or host name as an operator writes it in the inventory. */
  public static SubjectAltName parse(String text) throws PkiException {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (io.redisfleet.contract.IpLiterals.isIpv4(s) || IPV6.matcher(s).matches() && isIpLiteral(s)) {
      return new SubjectAltName(Kind.IP, s);
    }
    if (DNS.matcher(s).matches() && s.length() <= 253 && !s.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return new SubjectAltName(Kind.DNS, s.toLowerCase(java.util.Locale.ROOT));
    }
    throw new PkiException("'" + text + "' is neither an IP address nor a DNS name");
  }

  private static boolean isIpLiteral(String s) {
    try {
      new GeneralName(GeneralName.iPAddress, s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  GeneralName toGeneralName() {
    return new GeneralName(kind == Kind.IP ? GeneralName.iPAddress : GeneralName.dNSName, value);
  }

  @Override
  public String toString() {
    return value;
  }
}
