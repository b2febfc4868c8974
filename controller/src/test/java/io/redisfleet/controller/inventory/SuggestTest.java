package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestTest {

  @Test
  void levenshteinDistance() {
    assertEquals(0, Suggest.distance("replicas", "replicas"));
    assertEquals(1, Suggest.distance("replica", "replicas"));
    assertEquals(1, Suggest.distance("tls_dir", "tls-dir"));
    assertEquals(3, Suggest.distance("kitten", "sitting"));
    assertEquals(4, Suggest.distance("", "node"));
  }

  @Test
  void suggestsOnlyCloseCandidates() {
    Set<String> keys = Set.of("replicas", "redis", "nodes");
    assertEquals(Optional.of("replicas"), Suggest.closest("replica", keys));
    assertEquals(Optional.of("nodes"), Suggest.closest("Nodes", keys));
    assertEquals(Optional.empty(), Suggest.closest("frobnicate", keys));
    assertEquals(Optional.empty(), Suggest.closest("x", Set.of("h1")));
  }
}
