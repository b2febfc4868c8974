package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.controller.agentclient.Protos;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.RedisTls;
import io.redisfleet.controller.pki.CertificateCustody;
import io.redisfleet.controller.pki.FleetPki;
import io.redisfleet.controller.pki.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls blocks: per-host certificates from pki-dir, stable across loads, keys only in the spec. */
class TlsInventoryTest {

  @TempDir
  Path dir;

  @Test
  void eachHostGetsOneCertificateFromTheFleetCaAndKeepsIt() throws Exception {
    new FleetPki(dir.resolve("pki")).init(Duration.ofDays(365), false);
    Path file = write("10.0.0.2");
    Inventory first = io.redisfleet.controller.app.IssuingLoader.load(file, Map.of()).inventory();
    RedisTls tls = first.clusters().get(0).tls().orElseThrow();
    assertEquals("optional", tls.authClients());
    assertEquals(List.of("h1", "h2"), tls.hosts().keySet().stream().sorted().toList());
    assertTrue(first.replication().get(0).tls().isEmpty(), "a group without tls block is plaintext");

    X509Certificate h2 = PemFiles.readCertificate(dir.resolve("pki/redis/hosts/h2/redis.crt"));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), h2.getExtendedKeyUsage(), "server and client");
    assertTrue(h2.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("10.0.0.2")));
    assertTrue(h2.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));

    DesiredNode onH2 = first.desiredNodes().stream().filter(d -> d.ref().host().equals("h2")).findFirst().orElseThrow();
    NodeSpec spec = Protos.nodeSpec(onH2, first.replicaOfAddress(onH2));
    assertEquals(tls.hosts().get("h2").certPem(), spec.getTls().getCertPem());
    assertEquals(tls.hosts().get("h2").keyPem().reveal(), spec.getTls().getKeyPem());
    assertTrue(spec.getTls().getKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    String keyLine = spec.getTls().getKeyPem().lines().skip(1).findFirst().orElseThrow();
    assertFalse(first.toString().contains(keyLine), "the model prints a key");

    Inventory again = io.redisfleet.controller.app.IssuingLoader.load(file, Map.of()).inventory();
    assertEquals(tls, again.clusters().get(0).tls().orElseThrow(), "a second load issued again");

    Inventory moved = io.redisfleet.controller.app.IssuingLoader.load(write("10.0.0.9"), Map.of()).inventory();
    RedisTls after = moved.clusters().get(0).tls().orElseThrow();
    assertNotEquals(tls.hosts().get("h2"), after.hosts().get("h2"), "h2's new address needs a new certificate");
    assertEquals(tls.hosts().get("h1"), after.hosts().get("h1"));
  }

  @Test
  void readOnlyCommandsWriteNothingAndNeverNeedTheCaKey() throws Exception {
    new FleetPki(dir.resolve("pki")).init(Duration.ofDays(365), false);
    Path file = write("10.0.0.2");
    var missing = assertThrows(InvalidInventoryException.class, () -> InventoryLoader.load(file, Map.of()));
    assertEquals(List.of("inv.conf:2: tls of clusters.main: " + dir.resolve("pki/redis/hosts/h1/redis.crt")
        + " is not issued yet; issue it with 'controller pki issue redis INVENTORY' (into its controller.pki-dir "
        + dir.resolve("pki") + "), or 'controller apply', which issues it from ca.key"),
        missing.errors().stream().map(e -> e.toString().replace(dir.resolve("inv.conf").toString(), "inv.conf")).toList());
    assertFalse(Files.exists(dir.resolve("pki/redis")), "a read-only load wrote into pki-dir");

    Inventory issued = io.redisfleet.controller.app.IssuingLoader.load(file, Map.of()).inventory();
    Files.move(dir.resolve("pki/ca.key"), dir.resolve("ca.key.offline")); // the CA key leaves the box
    List<String> before = listing();
    Inventory read = InventoryLoader.load(file, Map.of());
    assertEquals(issued.clusters().get(0).tls(), read.clusters().get(0).tls());
    assertEquals(before, listing(), "a read-only load changed pki-dir");

    var moved = assertThrows(InvalidInventoryException.class, () -> InventoryLoader.load(write("10.0.0.9"), Map.of()));
    assertTrue(moved.errors().get(0).toString().contains("hosts/h2/redis.crt does not name 127.0.0.1, 10.0.0.9"),
        moved.errors().toString());
  }

  @Test
  void readingListsMissingCertificatesAndWritesNothingEvenWhereTheCommandMayIssue() throws Exception {
    new FleetPki(dir.resolve("pki")).init(Duration.ofDays(365), false);
    Path file = write("10.0.0.2");
    List<String> before = listing();
    InventoryRead read = InventoryLoader.read(file, Map.of(), CertificateCustody.ISSUE);
    assertEquals(before, listing(), "reading an inventory changed pki-dir");
    assertFalse(Files.exists(dir.resolve("pki/redis")), "reading an inventory wrote into pki-dir");
    assertEquals(List.of(dir.resolve("pki/redis/hosts/h1"), dir.resolve("pki/redis/hosts/h2"), dir.resolve("pki/redis/client")),
        read.toIssue().stream().map(c -> c.certificate().dir()).toList(), "each directory once, the client too");
    assertEquals("is not issued yet", read.toIssue().get(0).certificate().reason());
    assertTrue(read.inventory().clusters().get(0).tls().isEmpty(), "a block with certificates to issue is incomplete");

    InventoryRead issued = io.redisfleet.controller.app.IssuingLoader.load(file, Map.of());
    assertTrue(issued.complete());
    assertEquals(List.of("h1", "h2"), issued.inventory().clusters().get(0).tls().orElseThrow().hosts().keySet().stream()
        .sorted().toList());
    List<String> after = listing();
    assertEquals(List.of(), InventoryLoader.read(file, Map.of(), CertificateCustody.ISSUE).toIssue());
    assertEquals(after, listing(), "a second read changed pki-dir");
  }

  private List<String> listing() throws Exception {
    try (var files = Files.walk(dir.resolve("pki"))) {
      return files.map(f -> f + " " + f.toFile().lastModified()).sorted().toList();
    }
  }

  private Path write(String h2Address) throws Exception {
    Path file = dir.resolve("inv.conf");
    Files.writeString(file, String.join("\n",
        "hosts { h1 { address = \"10.0.0.1\" }, h2 { address = \"" + h2Address + "\" } }",
        "controller.pki-dir = \"pki\"",
        "clusters.main { replicas = 0, tls { enabled = yes, auth-clients = optional },",
        "  nodes = [ \"h1:7000\", \"h1:7001\", \"h2:7002\" ] }",
        "replication.cache { master = \"h1:6379\", replicas = [ \"h2:6378\" ] }",
        ""));
    return file;
  }
}
