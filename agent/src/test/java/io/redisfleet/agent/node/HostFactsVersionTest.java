package io.redisfleet.agent.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.agent.server.ServerVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed version is cached per binary, and a replaced binary (an upgrade) is read again. */
class HostFactsVersionTest {

  @Test
  void replacedBinaryIsReadAgain(@TempDir Path dir) throws Exception {
    Path binary = dir.resolve("redis-server");
    write(binary, "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64", Instant.parse("2026-01-01T00:00:00Z"));
    assertEquals(new ServerVersion("redis", "7.0.15"), HostFactsReader.serverVersion(binary));
    assertEquals(new ServerVersion("redis", "7.0.15"), HostFactsReader.serverVersion(binary));

    write(binary, "Valkey server v=8.0.1 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64", Instant.parse("2026-02-01T00:00:00Z"));
    assertEquals(new ServerVersion("valkey", "8.0.1"), HostFactsReader.serverVersion(binary));
  }

  private static void write(Path binary, String versionLine, Instant mtime) throws Exception {
    Files.writeString(binary, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setLastModifiedTime(binary, FileTime.from(mtime));
  }
}
