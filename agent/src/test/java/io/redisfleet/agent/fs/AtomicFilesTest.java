package io.redisfleet.agent.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesAPrivateFileAndRefusesPathsOutsideTheRoot() throws Exception {
    Path root = dir.resolve("nodes");
    AtomicFiles.write(root, root.resolve("7000.conf"), "port 7000\n");
    assertEquals("port 7000\n", Files.readString(root.resolve("7000.conf")));
    assertEquals("rw-r-----", perms(root.resolve("7000.conf")));
    assertEquals("rwxr-x---", perms(root));
    assertThrows(IOException.class, () -> AtomicFiles.write(root, root.resolve("../x.conf"), "x"));
  }

  @Test
  void unknownGroupOrNoGroupLeavesFilesAlone() {
    assertEquals(FileGroup.none(), FileGroup.of(Optional.empty()));
    assertEquals(FileGroup.none(), FileGroup.of(Optional.of("no-such-group-rf")));
  }

  /** As root (the agent on a host): conf and directories go to the readers' group, before the rename. */
  @Test
  void confAndItsDirectoriesGoToTheReadersGroup() throws Exception {
    assumeTrue(FileGroup.runningAsRoot(), "needs root to hand files to another group");
    FileGroup daemon = FileGroup.of(Optional.of("daemon"));
    assumeTrue(daemon.principal().isPresent(), "no group daemon on this machine");
    Path root = dir.resolve("nodes");
    AtomicFiles.write(root, root.resolve("7000.conf"), "port 7000\n", daemon);
    assertEquals("daemon", group(root.resolve("7000.conf")));
    assertEquals("rw-r-----", perms(root.resolve("7000.conf")));
    assertEquals("daemon", group(root));

    Path data = dir.resolve("data");
    AtomicFiles.createDirectories(data, data.resolve("7000"), daemon);
    assertEquals("daemon", group(data));
    assertEquals("daemon", group(data.resolve("7000")));
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static String group(Path p) throws IOException {
    return Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
  }
}
