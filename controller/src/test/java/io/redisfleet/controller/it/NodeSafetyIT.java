package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A node in trouble on real redis-server processes and real agents: a master refusing writes
 * (MISCONF) makes status fail naming it.
 */
class NodeSafetyIT {

  @TempDir
  Path dir;

  private Agents agents;
  private List<Integer> ports;
  private Path inventory;
  private int agentA;
  private int agentB;

  @BeforeEach
  void start() throws Exception {
    agents = new Agents(dir);
    ports = FreePorts.pick(2);
    agentA = agents.start("a", "127.0.0.1");
    agentB = agents.start("b", "127.0.0.2");
    inventory = dir.resolve("fleet.conf");
    writeInventory("", "");
  }

  @AfterEach
  void stop() {
    agents.close();
  }

  /** A pair a:port0 -> b:port1; {@code redis} goes into its redis block, {@code extra} into the group. */
  private void writeInventory(String redis, String extra) throws Exception {
    Files.writeString(inventory, String.join("\n",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agentA + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agentB + " }",
        "}",
        "replication.pair {",
        "  master = \"a:" + ports.get(0) + "\", replicas = [ \"b:" + ports.get(1) + "\" ]",
        "  redis { " + redis + " }",
        "  " + extra,
        "}", ""));
  }

  private Cli run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = args[0];
    all[1] = inventory.toString();
    System.arraycopy(args, 1, all, 2, args.length - 1);
    return Cli.run(all);
  }

  private Jedis master() {
    return new Jedis("127.0.0.1", ports.get(0), 3000);
  }

  private static String info(Jedis j, String field) {
    return j.info().lines().filter(l -> l.startsWith(field + ":")).findFirst()
        .map(l -> l.substring(field.length() + 1).strip()).orElse("");
  }

  /** Polls every 50 ms until the condition holds; fails after 20 s. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting until " + what);
  }

  @Test
  void aMasterRefusingWritesAfterAFailedSaveIsUnhealthyByName() throws Exception {
    Cli apply = run("apply", "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    assertEquals(0, run("status").exit());
    try (Jedis j = master()) {
      // a directory where the save's file goes: the background save cannot rename its file there
      Path rdb = Path.of(j.configGet("dir").get("dir"), j.configGet("dbfilename").get("dbfilename"));
      Files.deleteIfExists(rdb);
      Files.writeString(Files.createDirectories(rdb).resolve("blocker"), "x");
      j.bgsave();
      await("the save failed", () -> "err".equals(info(j, "rdb_last_bgsave_status")));
      JedisDataException refused = assertThrows(JedisDataException.class, () -> j.set("k", "v"));
      assertTrue(refused.getMessage().startsWith("MISCONF"), refused.getMessage());
    }
    Cli status = run("status", "--json");
    assertEquals(1, status.exit(), status.toString());
    JsonObject json = JsonParser.parseString(status.out()).getAsJsonObject();
    assertEquals(false, json.get("healthy").getAsBoolean());
    JsonObject row = json.getAsJsonArray("nodes").get(0).getAsJsonObject();
    assertEquals(ports.get(0).intValue(), row.get("port").getAsInt());
    assertEquals("persistence error (rdb_last_bgsave_status:err): writes refused (MISCONF)",
        row.get("health").getAsString());
    assertEquals("MISCONF", row.get("refusesWrites").getAsString());
    assertEquals("rdb_last_bgsave_status:err", row.getAsJsonArray("persistenceErrors").get(0).getAsString());
    assertEquals("ok", json.getAsJsonArray("nodes").get(1).getAsJsonObject().get("health").getAsString());
    Cli text = run("status");
    assertTrue(text.out().contains("writes refused (MISCONF)"), text.toString());
  }
}
