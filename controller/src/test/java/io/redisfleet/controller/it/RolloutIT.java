package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches and the failure budget on four loopback hosts, one of whose agents is down and one of
 * whose nodes cannot start (its port is taken by a foreign listener).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {

  @TempDir
  static Path dir;

  static Agents agents;
  static List<Integer> ports;
  static String file;
  static ServerSocket squatter;
  static Thread squatterThread;

  @BeforeAll
  static void start() throws Exception {
    agents = new Agents(dir);
    ports = FreePorts.pick(8);
    int a = agents.start("a", "127.0.0.1");
    int b = agents.start("b", "127.0.0.2");
    int c = agents.start("c", "127.0.0.3");
    int d;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.4"))) {
      d = s.getLocalPort(); // no agent will listen here: host d is down
    }
    squatter = new ServerSocket(ports.get(0), 50, InetAddress.getByName("127.0.0.1"));
    squatterThread = new Thread(() -> {
      while (!squatter.isClosed()) {
        try (Socket s = squatter.accept()) {
          // close at once: an observer's PING fails fast instead of timing out
        } catch (java.io.IOException e) {
          return;
        }
      }
    });
    squatterThread.setDaemon(true);
    squatterThread.start();
    Path inventory = dir.resolve("fleet.conf");
    Files.writeString(inventory, String.join("\n",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + a + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + b + " }",
        "  c { address = \"127.0.0.3\", agent-port = " + c + " }",
        "  d { address = \"127.0.0.4\", agent-port = " + d + " }",
        "}",
        "replication {",
        "  g1 { master = \"a:" + ports.get(0) + "\", replicas = [ \"b:" + ports.get(1) + "\" ] }",
        "  g2 { master = \"b:" + ports.get(2) + "\", replicas = [ \"c:" + ports.get(3) + "\" ] }",
        "  g3 { master = \"c:" + ports.get(4) + "\", replicas = [ \"a:" + ports.get(5) + "\" ] }",
        "  g4 { master = \"d:" + ports.get(6) + "\", replicas = [ \"d:" + ports.get(7) + "\" ] }",
        "}", ""));
    file = inventory.toString();
  }

  @AfterAll
  static void stop() throws Exception {
    if (squatter != null) {
      squatter.close();
    }
    if (agents != null) {
      agents.close();
    }
  }

  private static JsonObject host(JsonObject json, String name) {
    return json.getAsJsonObject("hosts").getAsJsonObject(name);
  }

  @Test
  @Order(1)
  void budgetStopsTheRunAndTheRestIsNotAttempted() {
    Cli apply = Cli.run("apply", file, "--batch", "1", "--max-fail", "1", "--json");
    assertEquals(1, apply.exit(), apply.toString());
    JsonObject json = JsonParser.parseString(apply.out()).getAsJsonObject();
    assertTrue(host(json, "d").get("unreachable").getAsBoolean(), apply.out());
    assertEquals(1, host(json, "a").get("failed").getAsInt(), apply.out());
    // a's other node is g3's replica: replicas start only after every master (and a confirmed one), by then stopped
    assertEquals(0, host(json, "a").get("changed").getAsInt(), apply.out());
    for (String h : List.of("b", "c")) {
      assertEquals(0, host(json, h).get("changed").getAsInt(), h + " must not be touched: " + apply.out());
      assertTrue(host(json, h).get("notAttempted").getAsInt() >= 2, h + ": " + apply.out());
    }
    assertTrue(json.getAsJsonArray("problems").toString().contains("rollout stopped: 2 of 4 host(s) failed [a, d]"),
        apply.out());
    for (int i = 1; i <= 4; i++) {
      assertTrue(FreePorts.free(ports.get(i)), "node " + ports.get(i) + " on b/c was started");
    }
    assertTrue(FreePorts.free(ports.get(5)), "a's replica was not started: the rollout stopped first");
    for (JsonElement step : json.getAsJsonArray("steps")) {
      JsonObject s = step.getAsJsonObject();
      if (s.get("result").getAsString().equals("skipped")) {
        assertEquals("STOPPED", s.get("cause").getAsString(), s.toString());
      }
    }
  }

  @Test
  @Order(2)
  void withoutABudgetTheOtherHostsProceed() {
    Cli apply = Cli.run("apply", file, "--batch", "50%");
    assertEquals(1, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("RECAP"), apply.out());
    assertTrue(apply.out().lines().anyMatch(l -> l.matches("d\\s+: ok=0 .*unreachable=1 .*")), apply.out());
    for (int i = 2; i <= 4; i++) {
      assertFalse(FreePorts.free(ports.get(i)), "node " + ports.get(i) + " on b/c should run");
    }
    // g1's replica is never started pointed at its master's port, which a foreign listener holds
    assertTrue(FreePorts.free(ports.get(1)), "g1's replica on b was started although its master failed");
    assertTrue(apply.out().contains("host a failed earlier"), apply.out());
    // not a terminal: plain progress, one timestamped line per finished step, naming the host
    List<String> stepLines = apply.out().lines().filter(l -> l.contains(" changed ") || l.contains(" FAILED ")).toList();
    assertFalse(stepLines.isEmpty(), apply.out());
    stepLines.forEach(l -> assertTrue(l.matches("\\d\\d:\\d\\d:\\d\\d [a-d] +(changed|FAILED) .*"), l));
    assertFalse(apply.out().contains("\u001b"), "no escape codes off a terminal");
  }
}
