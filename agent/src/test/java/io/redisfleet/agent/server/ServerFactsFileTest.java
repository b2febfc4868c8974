package io.redisfleet.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts of a server binary kept on disk: read back while the binary is the same file, never after it changed. */
class ServerFactsFileTest {

  @TempDir
  Path dir;

  @Test
  void aKeptReadComesBackForTheSameBinaryOnly() throws Exception {
    Path binary = Files.writeString(dir.resolve("redis-server"), "#!/bin/sh\n");
    ServerFactsFile facts = new ServerFactsFile(dir.resolve("state/server-facts"));
    assertEquals(Optional.empty(), facts.read(binary), "nothing kept yet");
    ServerFactsFile.Entry entry = new ServerFactsFile.Entry(new ServerVersion("redis", "7.0.15"),
        List.of("maxmemory", "appendonly"));
    facts.write(binary, entry);
    assertEquals(Optional.of(entry), new ServerFactsFile(dir.resolve("state/server-facts")).read(binary),
        "a new agent (a fresh instance) reads it back");

    Files.setLastModifiedTime(binary, FileTime.fromMillis(Files.getLastModifiedTime(binary).toMillis() + 1000));
    assertEquals(Optional.empty(), facts.read(binary), "an upgraded binary (new mtime) is read again");
    Files.writeString(binary, "#!/bin/sh\n# upgraded\n");
    assertEquals(Optional.empty(), facts.read(binary), "nor a new size");
  }

  @Test
  void anIncompleteReadIsNotKeptAndAForeignFileIsIgnored() throws Exception {
    Path binary = Files.writeString(dir.resolve("redis-server"), "#!/bin/sh\n");
    ServerFactsFile facts = new ServerFactsFile(dir.resolve("facts"));
    facts.write(binary, new ServerFactsFile.Entry(new ServerVersion("redis", "7.0.15"), List.of()));
    assertEquals(Optional.empty(), facts.read(binary), "no directives read: not kept");
    facts.write(binary, new ServerFactsFile.Entry(new ServerVersion("redis", "7.0.15"), List.of("maxmemory")));
    try (var files = Files.list(dir.resolve("facts"))) {
      Path kept = files.filter(p -> p.toString().endsWith(".facts")).findFirst().orElseThrow();
      Files.writeString(kept, "/somewhere/else:1:2\nredis\n7.0.15\nmaxmemory\n");
    }
    assertTrue(facts.read(binary).isEmpty(), "a file whose key is another binary's is not this one's");
  }
}
