package io.redisfleet.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {

  static final String PEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

  @TempDir
  Path dir;

  @Test
  void defaultLayout() {
    TlsFiles f = TlsFiles.defaults();
    assertEquals(Path.of("/etc/redis-fleet/tls/ca.crt"), f.ca());
    assertEquals(Path.of("/etc/redis-fleet/tls/agent.crt"), f.certificate());
    assertEquals(Path.of("/etc/redis-fleet/tls/agent.key"), f.key());
  }

  @Test
  void missingEmptyAndHalfWrittenFilesAreNotReady() throws Exception {
    TlsFiles f = new TlsFiles(dir);
    assertEquals(f.all(), f.notReady());
    Files.writeString(f.ca(), PEM);
    Files.writeString(f.certificate(), "");
    Files.writeString(f.key(), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    assertEquals(List.of(f.certificate(), f.key()), f.notReady());
    Files.writeString(f.certificate(), PEM);
    Files.writeString(f.key(), PEM);
    assertEquals(List.of(), f.notReady());
  }
}
