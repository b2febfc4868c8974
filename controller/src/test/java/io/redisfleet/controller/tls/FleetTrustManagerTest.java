package io.redisfleet.controller.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.pki.CertificateAuthority;
import io.redisfleet.controller.pki.CertificateIssuer;
import io.redisfleet.controller.pki.LeafSpec;
import io.redisfleet.controller.pki.SubjectAltName;
import io.redisfleet.controller.pki.Validity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTrustManagerTest {

  static final CertificateAuthority CA = CertificateAuthority.create(Validity.startingNow(Duration.ofDays(1)));

  static X509Certificate agent(String... sans) throws Exception {
    List<SubjectAltName> names = new ArrayList<>();
    for (String s : sans) {
      names.add(SubjectAltName.parse(s));
    }
    return new CertificateIssuer(CA).issue(LeafSpec.agent("h1", names, Validity.startingNow(Duration.ofDays(1))))
        .certificate();
  }

  @Test
  void ipAddressesMatchIpSansInAnySpelling() throws Exception {
    FleetTrustManager.checkName(agent("10.0.0.1"), "10.0.0.1");
    FleetTrustManager.checkName(agent("::1"), "0:0:0:0:0:0:0:1");
    FleetTrustManager.checkName(agent("::1"), "[::1]");
  }

  @Test
  void ipAddressesNeverMatchDnsSans() throws Exception {
    var e = assertThrows(CertificateNameException.class, () -> FleetTrustManager.checkName(agent("h1.example"), "10.0.0.1"));
    assertEquals("certificate does not name 10.0.0.1 (names: h1.example)", e.getMessage());
  }

  @Test
  void namesMatchDnsSansOnly() throws Exception {
    FleetTrustManager.checkName(agent("10.0.0.1", "h1.example"), "H1.example.");
    var e = assertThrows(CertificateNameException.class, () -> FleetTrustManager.checkName(agent("10.0.0.1"), "h2.example"));
    assertEquals("certificate does not name h2.example (names: 10.0.0.1)", e.getMessage());
  }

  @Test
  void wildcardCoversExactlyOneLabel() {
    assertTrue(FleetTrustManager.dnsMatches("*.fleet.example", "h1.fleet.example"));
    assertFalse(FleetTrustManager.dnsMatches("*.fleet.example", "a.h1.fleet.example"));
    assertFalse(FleetTrustManager.dnsMatches("*.fleet.example", "fleet.example"));
  }
}
