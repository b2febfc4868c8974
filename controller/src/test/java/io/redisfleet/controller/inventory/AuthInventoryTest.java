package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.controller.agentclient.Protos;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.RedisAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth blocks: secrets from files and the environment, redacted everywhere but the spec. */
class AuthInventoryTest {

  @TempDir
  Path dir;

  @Test
  void secretsComeFromFileAndEnvironmentAndPrintAsStars() throws Exception {
    Files.writeString(dir.resolve("main.pw"), "filesecret\n");
    Path file = dir.resolve("inv.conf");
    Files.writeString(file, String.join("\n",
        "hosts.h1 { address = \"10.0.0.1\" }",
        "clusters.main { replicas = 0, auth { password-file = \"main.pw\" },",
        "  nodes = [ \"h1:7000\", \"h1:7001\", \"h1:7002\" ] }",
        "replication.cache { master = \"h1:6379\", replicas = [ \"h1:6378\" ], auth {",
        "  password-env = \"FLEET_PW\"",
        "  users { default { rules = \"off\" }, app { password-env = \"APP_PW\", rules = [ \"on\", \"~app:*\" ] } } } }",
        ""));
    Inventory inv = InventoryLoader.load(file, Map.of("FLEET_PW", "envsecret", "APP_PW", "appsecret"));
    RedisAuth cluster = inv.clusters().get(0).auth().orElseThrow();
    assertEquals("filesecret", cluster.password().reveal());
    RedisAuth group = inv.replication().get(0).auth().orElseThrow();
    assertEquals("envsecret", group.password().reveal());
    assertEquals(2, group.users().size());
    String printed = inv.toString();
    assertFalse(printed.contains("secret"), printed);
    assertTrue(printed.contains("***"), printed);
    DesiredNode node = inv.desiredNodes().get(0);
    NodeSpec spec = Protos.nodeSpec(node, inv.replicaOfAddress(node));
    assertEquals("filesecret", spec.getAuth().getPassword());
    DesiredNode replica = inv.desiredNodes().get(4);
    NodeSpec replicaSpec = Protos.nodeSpec(replica, inv.replicaOfAddress(replica));
    assertEquals("appsecret", replicaSpec.getAuth().getUsers(0).getPasswords(0));
  }
}
