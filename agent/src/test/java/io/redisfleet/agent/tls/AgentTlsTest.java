package io.redisfleet.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken bundles fail with a message naming the directory; good bundles are tested in the controller's MutualTlsIT. */
class AgentTlsTest {

  @TempDir
  Path dir;

  @Test
  void missingBundleNamesTheFiles() {
    AgentException e = assertThrows(AgentException.class, () -> AgentTls.serverCredentials(new TlsFiles(dir)));
    assertEquals(AgentException.Kind.NEEDS_OPERATOR, e.kind());
    assertTrue(e.getMessage().contains("TLS bundle in " + dir.toAbsolutePath() + " is incomplete"), e.getMessage());
    assertTrue(e.getMessage().contains("agent.key"), e.getMessage());
  }

  @Test
  void garbageBundleIsRefusedWithTheDirectory() throws Exception {
    TlsFiles files = new TlsFiles(dir);
    for (Path f : files.all()) {
      Files.writeString(f, TlsFilesTest.PEM);
    }
    AgentException e = assertThrows(AgentException.class, () -> AgentTls.serverCredentials(files));
    assertTrue(e.getMessage().startsWith("TLS bundle in " + dir.toAbsolutePath() + " cannot be loaded"), e.getMessage());
  }
}
