package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.pki.CertificateCustody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** password-file is read only from a small regular file: a FIFO never blocks, others' read access is said. */
class SecretFilesTest {

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // opening the FIFO would block for ever
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("main.pw");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    var e = assertThrows(InvalidInventoryException.class, () -> load(new ArrayList<>()));
    assertEquals("inv.conf:2: password-file \"main.pw\" of auth of replication.cache is not a regular file "
        + "(it is a FIFO): a secret is read only from a regular file", shown(e.errors().get(0)));
  }

  @Test
  void aLargeFileIsRefused() throws Exception {
    Path big = dir.resolve("main.pw");
    Files.write(big, new byte[SecretFiles.MAX_BYTES + 1]);
    Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
    var e = assertThrows(InvalidInventoryException.class, () -> load(new ArrayList<>()));
    assertEquals("inv.conf:2: password-file \"main.pw\" of auth of replication.cache is 65537 bytes, more than "
        + "65536 (a password file holds one line)", shown(e.errors().get(0)));
  }

  @Test
  void aFileOthersCanReadIsAWarning() throws Exception {
    Path pw = dir.resolve("main.pw");
    Files.writeString(pw, "s3cret\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
    List<InventoryError> warnings = new ArrayList<>();
    load(warnings);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(shown(warnings.get(0)).startsWith("inv.conf:2: password-file \"main.pw\" of auth of replication.cache ("),
        warnings.toString());
    assertTrue(warnings.get(0).message().endsWith(") is readable by every user: chmod 600 it"), warnings.toString());

    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    warnings.clear();
    load(warnings);
    assertEquals(List.of(), warnings);
  }

  private void load(List<InventoryError> warnings) throws Exception {
    Path file = dir.resolve("inv.conf");
    Files.writeString(file, "hosts { h1 { address = \"10.0.0.1\" } }\n"
        + "replication.cache { master = \"h1:6379\", auth { password-file = \"main.pw\" } }\n");
    InventoryLoader.load(file, Map.of(), warnings);
  }

  private String shown(InventoryError e) {
    return e.toString().replace(dir.resolve("inv.conf").toString(), "inv.conf");
  }
}
