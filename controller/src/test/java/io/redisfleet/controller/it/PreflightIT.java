package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.redisfleet.agent.host.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preflight through the real CLI and agents whose kernel settings are files in a fake root
 * directory: deliberately bad on host a, good on b. The machine's own settings are never read
 * or changed.
 */
class PreflightIT {

  @TempDir
  Path dir;

  private Agents agents;
  private List<Integer> ports;
  private Path badRoot;

  @BeforeEach
  void start() throws Exception {
    agents = new Agents(dir);
    ports = FreePorts.pick(5);
    badRoot = fakeRoot(dir.resolve("root-a"), "0", "128", "[always] madvise never", 1024);
    Path goodRoot = fakeRoot(dir.resolve("root-b"), "1", "4096", "always madvise [never]", 65536);
    int a = agents.start("a", "127.0.0.1", new SystemRoot(badRoot), Optional.empty());
    int b = agents.start("b", "127.0.0.2", new SystemRoot(goodRoot), Optional.empty());
    int c = agents.start("c", "127.0.0.3", new SystemRoot(goodRoot), Optional.of(dir.resolve("no-redis-server")));
    Files.writeString(dir.resolve("fleet.conf"), String.join("\n",
        "defaults.redis { tcp-backlog = 1024 }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + a + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + b + " }",
        "}",
        "clusters.main { replicas = 0, nodes = [ \"a:" + ports.get(0) + "\", \"a:" + ports.get(1) + "\", \"b:"
            + ports.get(3) + "\" ] }",
        "replication.side { master = \"b:" + ports.get(4) + "\", replicas = [] }", ""));
    Files.writeString(dir.resolve("no-redis.conf"), String.join("\n",
        "hosts { c { address = \"127.0.0.3\", agent-port = " + c + " } }",
        "replication.solo { master = \"c:" + ports.get(2) + "\", replicas = [] }", ""));
  }

  @AfterEach
  void stop() {
    agents.close();
  }

  private static Path fakeRoot(Path root, String overcommit, String somaxconn, String thp, long nofile)
      throws IOException {
    write(root, "proc/sys/vm/overcommit_memory", overcommit);
    write(root, "proc/sys/net/core/somaxconn", somaxconn);
    write(root, "sys/kernel/mm/transparent_hugepage/enabled", thp);
    write(root, "proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max open files            " + nofile + "                 524288               files");
    return root;
  }

  private static void write(Path root, String relative, String text) throws IOException {
    Files.createDirectories(root.resolve(relative).getParent());
    Files.writeString(root.resolve(relative), text + "\n");
  }

  private static Map<String, JsonObject> findings(JsonObject json, String host) {
    Map<String, JsonObject> out = new HashMap<>();
    for (JsonElement e : json.getAsJsonArray("findings")) {
      JsonObject f = e.getAsJsonObject();
      if (f.get("host").getAsString().equals(host)) {
        out.put(f.get("check").getAsString(), f);
      }
    }
    return out;
  }

  @Test
  void badSettingsAreReportedWithTheFileThatSetsThemAndFixSysctlChangesNothing() throws Exception {
    String file = dir.resolve("fleet.conf").toString();
    Cli text = Cli.run("preflight", file);
    assertEquals(0, text.exit(), "warnings only: " + text);
    assertTrue(text.out().contains("WARNING vm.overcommit_memory: 0 (needs 1)"), text.out());
    assertTrue(text.out().contains("fix: /usr/lib/sysctl.d/60-redis-fleet.conf (redis-fleet-agent package) sets it"),
        text.out());
    assertTrue(text.out().contains("fix: /usr/lib/tmpfiles.d/redis-fleet-thp.conf"), text.out());
    assertTrue(text.out().contains("b: 8 of 8 checks ok"), text.out()); // unmanaged redis-server :6379 included

    JsonObject json = JsonParser.parseString(Cli.run("preflight", file, "--json").out()).getAsJsonObject();
    Map<String, JsonObject> a = findings(json, "a");
    assertEquals("warning", a.get("vm.overcommit_memory").get("severity").getAsString());
    assertTrue(a.get("vm.overcommit_memory").get("sysctl").getAsBoolean());
    assertEquals("128", a.get("net.core.somaxconn").get("observed").getAsString());
    assertEquals(">= 1024", a.get("net.core.somaxconn").get("expected").getAsString());
    assertEquals("warning", a.get("transparent_hugepage").get("severity").getAsString());
    assertEquals("warning", a.get("open-files").get("severity").getAsString());
    assertEquals("ok", a.get("redis-server").get("severity").getAsString());
    assertEquals("ok", a.get("peer ports").get("severity").getAsString(), "node and bus ports, closed but reachable");
    assertEquals("6 of 6 reachable", a.get("peer ports").get("observed").getAsString(),
        "a probes its cluster's node and bus ports, not b's replication group, which a has no node in");
    assertEquals("7 of 7 reachable", findings(json, "b").get("peer ports").get("observed").getAsString(),
        "b probes its cluster's ports and its own group's node");

    // --fix-sysctl writes no kernel setting (the hardened unit cannot): it says where they ship, per host.
    Cli fix = Cli.run("preflight", file, "--fix-sysctl", "--json");
    assertEquals(0, fix.exit(), fix.toString());
    JsonObject fixed = JsonParser.parseString(fix.out()).getAsJsonObject();
    assertEquals(0, fixed.getAsJsonObject("fixed").size(), fix.out());
    String hint = fixed.getAsJsonObject("kernel_settings").get("a").getAsString();
    assertTrue(hint.contains("/usr/lib/sysctl.d/60-redis-fleet.conf") && hint.contains("redis-fleet-thp.conf")
        && hint.contains("systemctl restart systemd-sysctl systemd-tmpfiles-setup"), hint);
    assertFalse(fixed.getAsJsonObject("kernel_settings").has("b"), "b needed nothing");
    assertEquals("warning", findings(fixed, "a").get("vm.overcommit_memory").get("severity").getAsString());
    assertEquals("128", Files.readString(badRoot.resolve("proc/sys/net/core/somaxconn")).strip());
    assertEquals("0", Files.readString(badRoot.resolve("proc/sys/vm/overcommit_memory")).strip());
    assertFalse(Files.exists(badRoot.resolve("etc/sysctl.d")), "no drop-in written");
    Cli fixText = Cli.run("preflight", file, "--fix-sysctl");
    assertTrue(fixText.out().contains("a: kernel settings: nothing changed: the settings ship in"), fixText.out());
  }

  /**
   * Preflight guards changes: an apply that changes something runs it before its first step and
   * reports it; a no-op apply (nothing to change) skips it, its JSON preflight is null (issue #12).
   */
  @Test
  void aNoOpApplySkipsPreflightAChangingOneRunsIt() {
    String file = dir.resolve("fleet.conf").toString();
    Cli first = Cli.run("apply", file, "--json");
    assertEquals(0, first.exit(), first.toString());
    JsonObject created = JsonParser.parseString(first.out()).getAsJsonObject();
    assertTrue(created.get("preflight").isJsonObject(), first.out());
    assertTrue(created.getAsJsonObject("preflight").get("warnings").getAsInt() > 0, "host a's settings: " + first.out());
    Cli again = Cli.run("apply", file, "--json");
    assertEquals(0, again.exit(), again.toString());
    JsonObject noop = JsonParser.parseString(again.out()).getAsJsonObject();
    assertEquals(0, noop.get("changed").getAsInt(), again.out());
    assertTrue(noop.get("preflight").isJsonNull(), "nothing to change, no preflight: " + again.out());
    Cli text = Cli.run("apply", file);
    assertFalse(text.out().contains("checks ok"), text.out());
  }

  @Test
  void applyRefusesWhenPreflightFindsAnError() {
    String file = dir.resolve("no-redis.conf").toString();
    Cli apply = Cli.run("apply", file);
    assertEquals(1, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("ERROR   redis-server: not found"), apply.out());
    assertTrue(apply.out().contains("apply: refused, preflight found errors; nothing was changed"), apply.out());
    assertFalse(Files.exists(agents.stateDir("c").resolve("nodes/" + ports.get(2) + ".conf")), "nothing written");
  }
}
