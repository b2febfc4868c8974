package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.RedisTls;
import io.redisfleet.controller.pki.CertificateCustody;
import io.redisfleet.controller.pki.PkiException;
import io.redisfleet.controller.pki.RedisCertificates;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code tls { enabled = true, auth-clients = yes|optional|no }} of a cluster or replication
 * group and gets its certificates from {@code controller.pki-dir}: one per host of its nodes,
 * issued there by apply or {@code pki issue redis} and only read by every other command (see
 * {@link RedisCertificates}). It writes nothing: under custody ISSUE a certificate that needs
 * issuing is recorded in {@link #toIssue()} and its block left out, for the command to issue and
 * read again.
 */
final class TlsReader {

  static final Set<String> KEYS = Set.of("enabled", "auth-clients");
  private static final String EXAMPLE = "{ enabled = true, auth-clients = optional }";

  private final Values values;
  private final Map<String, Host> hosts;
  private final Optional<RedisCertificates> pki;
  private final Optional<ConfigValue> pkiDirAt;
  private final Optional<Path> pkiDir;
  /** By directory: hosts shared by several blocks, and the client certificate, are issued once. */
  private final Map<Path, CertificateToIssue> toIssue = new java.util.LinkedHashMap<>();

  /** @param pkiDir controller.pki-dir (absolute), where it was written */
  TlsReader(Values values, Map<String, Host> hosts, Optional<Path> pkiDir, Optional<ConfigValue> pkiDirAt,
      CertificateCustody custody) {
    this.values = values;
    this.hosts = hosts;
    this.pki = pkiDir.map(d -> new RedisCertificates(d, custody));
    this.pkiDirAt = pkiDirAt;
    this.pkiDir = pkiDir;
  }

  /** The certificates reading found missing or unusable (under custody ISSUE), in the order found. */
  java.util.List<CertificateToIssue> toIssue() {
    return java.util.List.copyOf(toIssue.values());
  }

  /** Nothing for a missing or disabled block; a block with problems reports them and gives nothing. */
  Optional<RedisTls> read(ConfigValue value, String owner, Collection<String> nodeHosts) {
    if (value == null) {
      return Optional.empty();
    }
    String where = "tls of " + owner;
    Optional<ConfigObject> object = values.object(value, where, EXAMPLE);
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ConfigObject o = object.get();
    Keys.check(o, KEYS, "in " + where, values.problems());
    Optional<String> enabled = word(o.get("enabled"), "enabled of " + where, Set.of("true", "false"), "true");
    Optional<String> authClients = word(o.get("auth-clients"), "auth-clients of " + where, RedisTls.AUTH_CLIENTS, "yes");
    if (enabled.isEmpty() || authClients.isEmpty() || enabled.get().equals("false")) {
      return Optional.empty();
    }
    if (pki.isEmpty()) {
      values.problems().at(value, where + ": TLS needs the fleet CA to issue node certificates from; set "
          + "controller.pki-dir to the directory of controller pki init (holding ca.crt and ca.key)");
      return Optional.empty();
    }
    Map<String, RedisTls.Certificate> certs = new TreeMap<>();
    try {
      boolean pending = false;
      for (String host : new TreeSet<>(nodeHosts)) {
        Host h = hosts.get(host);
        if (h != null) {
          RedisCertificates.Leaf leaf = pki.get().node(host, h.address());
          pending |= pend(leaf, value, where);
          if (leaf instanceof RedisCertificates.Leaf.Ready ready) {
            certs.put(host, ready.certificate());
          }
        }
      }
      String caPem = pki.get().caPem();
      RedisCertificates.Leaf client = pki.get().client();
      pending |= pend(client, value, where);
      if (pending || !(client instanceof RedisCertificates.Leaf.Ready ready)) {
        return Optional.empty();
      }
      return Optional.of(new RedisTls(authClients.get(), caPem, certs, ready.certificate()));
    } catch (PkiException e) {
      values.problems().at(pkiDirAt.orElse(value), where + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Records a certificate that needs issuing; true if {@code leaf} is one. */
  private boolean pend(RedisCertificates.Leaf leaf, ConfigValue value, String where) {
    if (leaf instanceof RedisCertificates.Leaf.Unissued unissued) {
      InventoryError at = values.problems().locate(pkiDirAt.orElse(value)).error("");
      toIssue.putIfAbsent(unissued.pending().dir(),
          new CertificateToIssue(unissued.pending(), pkiDir.orElseThrow(), at, where));
      return true;
    }
    return false;
  }

  /** A boolean-ish or word value as one of {@code allowed}; true/false as yes/no where those are allowed. */
  private Optional<String> word(ConfigValue value, String what, Set<String> allowed, String fallback) {
    if (value == null) {
      return Optional.of(fallback);
    }
    String text = String.valueOf(value.unwrapped()).toLowerCase(Locale.ROOT);
    if (value.valueType() == ConfigValueType.BOOLEAN && allowed.contains("yes")) {
      text = text.equals("true") ? "yes" : "no";
    } else if (value.valueType() == ConfigValueType.STRING && allowed.contains("true")) {
      text = Set.of("yes", "on").contains(text) ? "true" : Set.of("no", "off").contains(text) ? "false" : text;
    }
    if (!allowed.contains(text) || value.valueType() != ConfigValueType.BOOLEAN && value.valueType() != ConfigValueType.STRING) {
      values.problems().at(value, what + " must be one of " + String.join(", ", new TreeSet<>(allowed))
          + ", not " + Text.printable(String.valueOf(value.unwrapped())));
      return Optional.empty();
    }
    return Optional.of(text);
  }
}
