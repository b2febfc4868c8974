package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A redis-server that redis-fleet did not start holds a declared master's port: the master's
 * step fails, and its replica is never pointed at that foreign server (it copies none of its data).
 */
class ForeignMasterIT {

  @TempDir
  Path dir;

  GroupFleet fleet;
  Process foreign;

  @AfterEach
  void stop() throws InterruptedException {
    if (foreign != null) {
      foreign.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void replicaIsNotPointedAtAForeignServer() throws Exception {
    fleet = new GroupFleet(dir);
    int port = fleet.ports.get(0);
    foreign = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("foreign.log").toFile()).start();
    awaitPing(0);
    try (Jedis j = fleet.jedis(0)) {
      j.set("foreign", "data");
    }
    fleet.write(0, 1);

    Cli apply = Cli.run("apply", fleet.file());
    assertEquals(1, apply.exit(), apply.toString());
    try (Jedis replica = fleet.jedis(1)) {
      assertNotEquals(String.valueOf(port), replica.info("replication").lines()
          .filter(l -> l.startsWith("master_port:")).findFirst().orElse("master_port:").substring(12), apply.out());
      assertNull(replica.get("foreign"), "the replica copied the foreign server's data\n" + apply.out());
    } catch (JedisConnectionException notStarted) {
      // not started at all: fine
    }
    Cli again = Cli.run("apply", fleet.file());
    assertEquals(1, again.exit(), again.toString());
  }

  private void awaitPing(int node) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Jedis j = fleet.jedis(node)) {
        j.ping();
        return;
      } catch (JedisConnectionException e) {
        Thread.sleep(25);
      }
    }
    throw new AssertionError("foreign redis-server did not start");
  }
}
