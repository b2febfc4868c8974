package io.redisfleet.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.v1.FixSysctlResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysctlFixerTest {

  @TempDir Path dir;

  @Test
  void setsLiveAndPersistentThenIsIdempotent() throws Exception {
    SystemRoot root = FakeRoot.bad(dir);
    FixSysctlResponse r = new SysctlFixer(root).fix(1024);
    assertTrue(r.getChanged());
    assertEquals("1", root.read("proc/sys/vm/overcommit_memory").orElseThrow());
    assertEquals("1024", root.read("proc/sys/net/core/somaxconn").orElseThrow());
    String dropIn = Files.readString(dir.resolve(SysctlFixer.DROP_IN));
    assertTrue(dropIn.contains("vm.overcommit_memory = 1\nnet.core.somaxconn = 1024\n"), dropIn);
    assertFalse(new SysctlFixer(root).fix(1024).getChanged());
  }

  @Test
  void neverLowersSomaxconn() throws Exception {
    SystemRoot root = FakeRoot.good(dir); // 4096
    new SysctlFixer(root).fix(511);
    assertEquals("4096", root.read("proc/sys/net/core/somaxconn").orElseThrow());
  }
}
