package io.redisfleet.controller.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.model.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates within 30 days of expiry are named, each with what renews it; fresh ones are not. */
class ExpiryWarningsTest {

  @TempDir
  Path dir;

  @Test
  void namesEveryCertificateCloseToExpiry() throws Exception {
    FleetPki pki = new FleetPki(dir.resolve("pki"));
    pki.init(Duration.ofDays(365), false);
    pki.issueController("controller", Duration.ofDays(10));
    TlsBundle agent = pki.issueAgent("h1", List.of("10.0.0.1"), Optional.empty(), Duration.ofDays(20));
    TlsBundle freshAgent = pki.issueAgent("h2", List.of("10.0.0.2"), Optional.empty(), Duration.ofDays(400));
    Path file = dir.resolve("inv.conf");
    Files.writeString(file, String.join("\n",
        "hosts { h1 { address = \"10.0.0.1\" }, h2 { address = \"10.0.0.2\" } }",
        "controller { tls-dir = \"pki/controller\", pki-dir = \"pki\" }",
        "replication.cache { master = \"h1:6379\", replicas = [ \"h2:6378\" ], tls { enabled = true } }",
        ""));
    Inventory inventory = io.redisfleet.controller.app.IssuingLoader.load(file, Map.of()).inventory();

    List<String> now = ExpiryWarnings.of(inventory, Map.of(
        "10.0.0.1", PemFiles.readCertificate(agent.certificate()),
        "10.0.0.2", PemFiles.readCertificate(freshAgent.certificate())), Clock.systemUTC());
    assertEquals(2, now.size(), now.toString());
    assertTrue(now.get(0).startsWith("the certificate of agent h1 (10.0.0.1) expires on "), now.toString());
    assertTrue(now.get(0).endsWith("(within 30 days): renew it with controller pki issue agent --name h1, then copy "
        + "it to the host's /etc/redis-fleet/tls/"), now.toString());
    assertTrue(now.get(1).startsWith("the controller's certificate " + dir.resolve("pki/controller/controller.crt")
        + " expires on "), now.toString());

    // 800 days on, the Redis certificates (825 days) are close to expiry as well
    List<String> later = ExpiryWarnings.of(inventory, Map.of(),
        Clock.offset(Clock.systemUTC(), Duration.ofDays(800)));
    assertEquals(List.of("the Redis client certificate", "the Redis node certificate of host h1",
        "the Redis node certificate of host h2", "the controller's certificate"),
        later.stream().map(w -> w.substring(0, w.indexOf(" expires")).replaceAll(" /.*", "")).toList());
  }
}
