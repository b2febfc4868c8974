package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentMainTest {

  @Test
  void hostAddressIsTheExplicitOneOrAConcreteListenHost() {
    assertEquals(Optional.of("10.0.0.5"), AgentMain.hostAddress("10.0.0.5", AgentMain.parse("0.0.0.0:7781")));
    assertEquals(Optional.of("10.0.0.7"), AgentMain.hostAddress(null, AgentMain.parse("10.0.0.7:7781")));
    assertEquals(Optional.of("127.0.0.1"), AgentMain.hostAddress(null, AgentMain.parse("127.0.0.1:7781")));
  }

  @Test
  void wildcardListenWithoutAddressLeavesTheAddressUnknown() {
    for (String wildcard : new String[] {"0.0.0.0:7781", "[::]:7781", "[0:0:0:0:0:0:0:0]:7781"}) {
      assertEquals(Optional.empty(), AgentMain.hostAddress(null, AgentMain.parse(wildcard)), wildcard);
      assertEquals(Optional.empty(), AgentMain.hostAddress(" ", AgentMain.parse(wildcard)), wildcard);
    }
  }

  @Test
  void listenMustBeHostColonPort() {
    assertEquals(7781, AgentMain.parse("0.0.0.0:7781").getPort());
    assertTrue(AgentMain.parse("[::1]:7781").getAddress().isLoopbackAddress());
    assertThrows(CommandLine.ParameterException.class, () -> AgentMain.parse("7781"));
    assertThrows(CommandLine.ParameterException.class, () -> AgentMain.parse("0.0.0.0:x"));
    assertThrows(CommandLine.ParameterException.class, () -> AgentMain.parse("0.0.0.0:70000"));
  }

  @Test
  void plaintextOnANetworkAddressExitsWithConfigErrorNotARestartLoop(@TempDir Path dir) {
    int exit = new CommandLine(new AgentMain()).execute("--listen", "0.0.0.0:0", "--address", "10.0.0.5",
        "--plaintext", "--state-dir", dir.toString(), "--backend", "PROCESS");
    assertEquals(AgentMain.EX_CONFIG, exit);
  }

  @Test
  void aBrokenTlsBundleExitsWithConfigError(@TempDir Path dir) throws Exception {
    for (String f : new String[] {"ca.crt", "agent.crt", "agent.key"}) {
      java.nio.file.Files.writeString(dir.resolve(f), "-----BEGIN X-----\nnot base64\n-----END X-----\n");
    }
    int exit = new CommandLine(new AgentMain()).execute("--listen", "127.0.0.1:0", "--tls-dir", dir.toString(),
        "--state-dir", dir.resolve("state").toString(), "--backend", "PROCESS");
    assertEquals(AgentMain.EX_CONFIG, exit);
  }
}
