package io.redisfleet.controller.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNameTest {

  @ParameterizedTest
  @CsvSource({"10.0.0.1,IP,10.0.0.1", "::1,IP,::1", "[fe80::1],IP,fe80::1", "H1.Example,DNS,h1.example",
      "localhost,DNS,localhost", "*.fleet.example,DNS,*.fleet.example", "h-1,DNS,h-1"})
  void parses(String text, SubjectAltName.Kind kind, String value) throws Exception {
    assertEquals(new SubjectAltName(kind, value), SubjectAltName.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0.256", "1.2.3", "a b", "-h1", "h1..example", "fe80:::1::2"})
  void refuses(String text) {
    assertThrows(PkiException.class, () -> SubjectAltName.parse(text));
  }
}
