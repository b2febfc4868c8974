package io.redisfleet.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.v1.CheckHostRequest;
import io.redisfleet.agent.v1.HostCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight checks against a fake root: never the machine's own settings. */
class HostCheckerTest {

  @TempDir Path dir;

  private Map<String, HostCheck> check(SystemRoot root, Optional<Path> binary, String version, long minFree) {
    AgentConfig config = new AgentConfig(dir.resolve("state/nodes"), dir.resolve("state/data"), "127.0.0.1",
        binary, AgentConfig.Backend.PROCESS);
    List<HostCheck> checks = new HostChecker(config, root, p -> version)
        .check(CheckHostRequest.newBuilder().setTcpBacklog(511).setMinFreeBytes(minFree).build());
    return checks.stream().collect(Collectors.toMap(HostCheck::getName, Function.identity()));
  }

  @Test
  void badSettingsAreFoundWithTheirFix() throws Exception {
    Path fakeRedis = Files.createFile(dir.resolve("redis-server"));
    fakeRedis.toFile().setExecutable(true);
    Map<String, HostCheck> c = check(FakeRoot.bad(dir.resolve("root")), Optional.of(fakeRedis), "5.0.14", Long.MAX_VALUE);
    assertEquals("warning", c.get("vm.overcommit_memory").getSeverity());
    assertEquals("0", c.get("vm.overcommit_memory").getObserved());
    assertTrue(c.get("vm.overcommit_memory").getSysctl());
    assertTrue(c.get("vm.overcommit_memory").getFix().startsWith(ShippedSettings.SYSCTL_FILE + " (redis-fleet-agent"),
        c.get("vm.overcommit_memory").getFix());
    assertEquals("warning", c.get("net.core.somaxconn").getSeverity());
    assertEquals(">= 511", c.get("net.core.somaxconn").getExpected());
    assertTrue(c.get("net.core.somaxconn").getFix().contains(ShippedSettings.SYSCTL_FILE));
    assertEquals("warning", c.get("transparent_hugepage").getSeverity());
    assertTrue(c.get("transparent_hugepage").getFix().startsWith(ShippedSettings.THP_FILE), c.get("transparent_hugepage").getFix());
    assertTrue(c.get("transparent_hugepage").getSysctl(), "the package's tmpfiles.d file sets it");
    assertEquals("warning", c.get("open-files").getSeverity());
    assertEquals("1024", c.get("open-files").getObserved());
    assertEquals("error", c.get("free-disk").getSeverity(), "no disk has Long.MAX_VALUE bytes free");
    assertEquals("error", c.get("redis-server").getSeverity());
    assertTrue(c.get("redis-server").getObserved().endsWith("5.0.14"));
  }

  @Test
  void goodSettingsAreAllOk() throws Exception {
    Path fakeRedis = Files.createFile(dir.resolve("redis-server"));
    fakeRedis.toFile().setExecutable(true);
    Map<String, HostCheck> c = check(FakeRoot.good(dir.resolve("root")), Optional.of(fakeRedis), "7.0.15", 1);
    c.values().forEach(x -> assertEquals("ok", x.getSeverity(), x.toString()));
    assertEquals(6, c.size());
  }

  @Test
  void missingRedisServerIsAnError() throws Exception {
    Map<String, HostCheck> c = check(FakeRoot.good(dir.resolve("root")), Optional.of(dir.resolve("absent")), "", 1);
    assertEquals("error", c.get("redis-server").getSeverity());
    assertEquals("not found", c.get("redis-server").getObserved());
  }
}
