package io.redisfleet.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ListenPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1", "0::1"})
  void loopbackAddresses(String a) {
    assertTrue(ListenPolicy.isLoopback(a), a);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "128.0.0.1", "::", "::2", "1::1", "h1.example",
      "localhost.example", "127.0.0.256", "127.0.0", "::1::", ":::1", "12345::1", "::ffff:127.0.0.1"})
  void otherAddresses(String a) {
    assertFalse(ListenPolicy.isLoopback(a), a);
  }

  @Test
  void tlsUnlessPlaintextAsked() {
    assertInstanceOf(ListenPolicy.Tls.class, ListenPolicy.decide("0.0.0.0", false));
    assertInstanceOf(ListenPolicy.Tls.class, ListenPolicy.decide("127.0.0.1", false));
  }

  @Test
  void plaintextOnlyOnLoopback() {
    assertInstanceOf(ListenPolicy.Plaintext.class, ListenPolicy.decide("127.0.0.1", true));
    var refused = assertInstanceOf(ListenPolicy.Refused.class, ListenPolicy.decide("10.0.0.1", true));
    assertTrue(refused.reason().contains("plaintext refused on 10.0.0.1"), refused.reason());
    assertEquals(AgentException.Kind.INVALID_REQUEST, refused.toException().kind());
  }
}
