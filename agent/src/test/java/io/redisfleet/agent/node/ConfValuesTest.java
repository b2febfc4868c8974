package io.redisfleet.agent.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfValuesTest {

  @Test
  void memorySizesCompareByBytesAsRedisParsesThem() {
    assertTrue(ConfValues.same("100mb", "104857600"));
    assertTrue(ConfValues.same("1gb", "1073741824"));
    assertTrue(ConfValues.same("1k", "1000"));
    assertFalse(ConfValues.same("100mb", "100000000"));
    assertFalse(ConfValues.same("200mb", "104857600"));
  }

  @Test
  void wordsCompareInOrderAndCaseInsensitive() {
    assertTrue(ConfValues.same("900 1 300 10", "900 1 300 10"));
    assertFalse(ConfValues.same("900 1 300 10", "60 5"));
    assertTrue(ConfValues.same("", ""));
    assertFalse(ConfValues.same("", "3600 1"));
    assertTrue(ConfValues.same("YES", "yes"));
    assertTrue(ConfValues.same("allkeys-lru", "allkeys-lru"));
    assertFalse(ConfValues.same("allkeys-lru", "noeviction"));
  }
}
