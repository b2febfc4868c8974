package io.redisfleet.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.service.RedisBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host with both engines installed: which binary runs which node. */
class NodeServerTest {

  @TempDir
  Path dir;

  private Path redis;
  private Path valkey;
  private AgentConfig config;
  private NodeLayout node;

  @BeforeEach
  void setUp() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    redis = fake(bin.resolve("redis-server"), "Redis server v=7.0.15 sha=00000000:0 malloc=libc bits=64");
    valkey = fake(bin.resolve("valkey-server"), "Valkey server v=8.0.1 sha=00000000:0 malloc=libc bits=64");
    AgentConfig base = AgentConfig.underStateDir(dir, "127.0.0.1", AgentConfig.Backend.PROCESS);
    config = new AgentConfig(base.confDir(), base.dataRoot(), "127.0.0.1", Optional.of(redis), base.backend());
    Files.createDirectories(config.confDir());
    node = config.node(7000);
  }

  @Test
  void theConfiguredBinaryIsTheDefaultAndTheOtherEngineBesideItIsListed() {
    assertEquals(List.of(redis, valkey), RedisBinary.installed(config));
    assertEquals(Optional.of(redis), RedisBinary.find(config));
  }

  @Test
  void aNodeRunsTheEngineItsInventoryNamesAndKeepsItForSpeclessRestarts() throws Exception {
    assertEquals(Optional.of(redis), NodeServer.binary(config, node), "nothing named, never ran: the default");
    assertEquals(Optional.of(valkey), NodeServer.binary(config, node, "valkey"));
    NodeServer.remember(config, node, "valkey");
    assertEquals(Optional.of(valkey), NodeServer.binary(config, node), "a restart without a spec");
    NodeServer.remember(config, node, "");
    assertTrue(!Files.exists(NodeServer.engineFile(node)));
  }

  @Test
  void aNodeNamingNoEngineStaysOnTheEngineItLastRanWhileThatIsInstalled() throws Exception {
    StartRecord.write(config.confDir(), node, "run1", new ServerVersion("valkey", "8.0.1"));
    assertEquals(Optional.of(valkey), NodeServer.binary(config, node), "valkey-server beside redis-server");
    Files.delete(valkey);
    assertEquals(Optional.of(redis), NodeServer.binary(config, node), "its engine removed: the default");
  }

  @Test
  void anEngineNotInstalledIsNeverAnotherEnginesBinary() throws Exception {
    Files.delete(valkey);
    assertEquals(Optional.empty(), NodeServer.binary(config, node, "valkey"));
    AgentException refused = assertThrows(AgentException.class, () -> EngineCheck.require(config, 7000, "valkey"));
    assertTrue(refused.getMessage().contains("this host has only " + redis + " (redis 7.0.15); install valkey-server"),
        refused.getMessage());
    EngineCheck.require(config, 7000, "redis");
  }

  private static Path fake(Path binary, String versionLine) throws Exception {
    Files.writeString(binary, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    return binary;
  }
}
