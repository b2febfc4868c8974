package io.redisfleet.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteHealthTest {

  @Test
  void healthyNodeHasNoProblems() {
    WriteHealth ok = new WriteHealth("ok", "ok", "ok", 900, 1000, "noeviction", false);
    assertEquals(List.of(), ok.problems());
    assertEquals(Optional.empty(), ok.refusesWrites());
    assertTrue(WriteHealth.UNKNOWN.problems().isEmpty());
  }

  @Test
  void failedSaveOrAofWriteIsMisconf() {
    WriteHealth save = new WriteHealth("err", "ok", "ok", 1, 0, "noeviction", false);
    assertEquals(Optional.of("MISCONF"), save.refusesWrites());
    assertEquals(List.of("persistence error (rdb_last_bgsave_status:err): writes refused (MISCONF)"), save.problems());
    WriteHealth aof = new WriteHealth("ok", "err", "err", 1, 0, "noeviction", false);
    assertEquals(List.of("aof_last_write_status:err", "aof_last_bgrewrite_status:err"), aof.persistenceErrors());
    assertEquals(Optional.of("MISCONF"), aof.refusesWrites());
  }

  @Test
  void aFailedSaveOnANodeThatKeepsTakingWritesIsAnErrorButNoRefusal() {
    WriteHealth save = new WriteHealth("err", "ok", "ok", 1, 0, "noeviction", true);
    assertEquals(Optional.empty(), save.refusesWrites());
    assertEquals(List.of("persistence error (rdb_last_bgsave_status:err)"), save.problems());
  }

  @Test
  void aFailedRewriteAloneIsAnErrorButNoRefusal() {
    WriteHealth rewrite = new WriteHealth("ok", "ok", "err", 1, 0, "", false);
    assertEquals(List.of("persistence error (aof_last_bgrewrite_status:err)"), rewrite.problems());
    assertEquals(Optional.empty(), rewrite.refusesWrites());
  }

  @Test
  void fullWithNoevictionIsOomButEvictingPoliciesAreNot() {
    assertEquals(Optional.of("OOM"), new WriteHealth("ok", "ok", "ok", 1000, 1000, "noeviction", false).refusesWrites());
    assertEquals(List.of("out of memory (used_memory 1000 >= maxmemory 1000, noeviction): writes refused (OOM)"),
        new WriteHealth("ok", "ok", "ok", 1000, 1000, "noeviction", false).problems());
    assertEquals(Optional.empty(), new WriteHealth("ok", "ok", "ok", 1000, 1000, "allkeys-lru", false).refusesWrites());
    assertEquals(Optional.empty(), new WriteHealth("ok", "ok", "ok", 1000, 0, "noeviction", false).refusesWrites());
  }
}
