package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.pki.CertificateCustody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster or group on a network address with neither auth nor TLS is a warning at its line. */
class ExposureTest {

  @TempDir
  Path dir;

  @Test
  void openNodesOnANetworkAddressAreAWarning() throws Exception {
    Path pw = dir.resolve("cache.pw");
    Files.writeString(pw, "s3cret");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    List<String> warnings = load(String.join("\n",
        "hosts { h1 { address = \"10.0.0.1\" }, lo { address = \"127.0.0.1\", agent = embedded, state-dir = \"s\" } }",
        "clusters.main { replicas = 0, nodes = [ \"h1:7000\", \"h1:7001\", \"h1:7002\" ] }",
        "replication.cache { master = \"h1:6379\", auth { password-file = \"cache.pw\" } }",
        "replication.local { master = \"lo:6390\" }",
        ""));
    assertEquals(List.of("inv.conf:2: cluster main is reachable on 10.0.0.1 with neither auth nor TLS: anyone who "
        + "reaches it can read, write and reconfigure it; add an auth block (auth { password-file = \"...\" }) or "
        + "tls { enabled = true }"), warnings);
  }

  private List<String> load(String text) throws Exception {
    Path file = dir.resolve("inv.conf");
    Files.writeString(file, text);
    List<InventoryError> warnings = new ArrayList<>();
    InventoryLoader.load(file, Map.of("HOME", dir.toString()), warnings);
    return warnings.stream().map(w -> w.toString().replace(file.toString(), "inv.conf")).toList();
  }
}
