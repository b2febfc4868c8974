package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness itself on two real systemd hosts: the .debs install offline, a node unit starts
 * from a conf in /etc/redis-fleet/nodes and answers PING, survives a reboot of its host, and
 * teardown leaves no namespace, link, mount or cgroup behind.
 */
class HostsHarnessE2E {

  static final String NODE_CONF_7000 = String.join("\\n",
      "port 7000", "bind 127.0.0.1 10.77.0.11", "dir /var/lib/redis-fleet/7000", "daemonize no",
      "supervised systemd", "pidfile /var/lib/redis-fleet/7000/redis.pid", "appendonly yes",
      "cluster-enabled yes", "cluster-config-file 7000_node.conf");

  private static Path root;

  @BeforeAll
  static void machineCanRunHosts() {
    E2eGate.require(Hosts.unsupportedReason());
    root = Hosts.projectRoot();
  }

  @Test
  void nodeUnitRunsOnARealHostAndSurvivesAReboot() throws Exception {
    new Hosts(root).with(2, hosts -> {
      // Checked, not bypassed: an agent jar without a main class would be a broken package.
      assertTrue(agentJarHasMainClass(root), "the staged agent jar has no runnable Main-Class");
      hosts.awaitActive(1, "redis-fleet-agent.service");
      hosts.shOk(1, "write node conf", writeConf(7000, NODE_CONF_7000)
          + " && install -d -o redis -g redis -m 0750 /var/lib/redis-fleet/7000");
      hosts.shOk(1, "start node", "systemctl enable --now redis-fleet@7000.service");
      assertEquals("PONG", hosts.shOk(1, "ping", "redis-cli -p 7000 ping").strip());
      assertEquals("inactive", hosts.sh(2, "systemctl is-active redis-fleet@7000.service").text().strip(),
          "h2 must not see h1's node");

      hosts.reboot(1);
      hosts.awaitActive(1, "redis-fleet@7000.service");
      assertEquals("PONG", hosts.shOk(1, "ping after reboot", "redis-cli -p 7000 ping").strip());
    });
    assertNothingLeftBehind();
  }

  /** A shell command writing a node conf as the agent would: root:redis, 0640. */
  static String writeConf(int port, String conf) {
    String file = "/etc/redis-fleet/nodes/" + port + ".conf";
    return "printf '" + conf + "\\n' > " + file + " && chgrp redis " + file + " && chmod 0640 " + file;
  }

  static boolean agentJarHasMainClass(Path root) throws IOException {
    Path jar = root.resolve("packaging/target/stage/jars/redis-fleet-agent.jar");
    try (JarFile file = new JarFile(jar.toFile())) {
      String main = file.getManifest().getMainAttributes().getValue("Main-Class");
      return main != null && file.getEntry(main.replace('.', '/') + ".class") != null;
    }
  }

  private static void assertNothingLeftBehind() throws Exception {
    Duration t = Duration.ofSeconds(10);
    assertEquals("", grep(Hosts.run(List.of("ip", "netns", "list"), t).text()), "network namespaces left");
    assertEquals("", grep(Hosts.run(List.of("ip", "-o", "link", "show"), t).text()), "links left");
    assertEquals("", grep(Files.readString(Path.of("/proc/self/mounts"))), "mounts left");
    assertTrue(!Files.exists(Path.of("/sys/fs/cgroup/systemd/rfe2e")), "cgroup left");
  }

  private static String grep(String text) {
    return text.lines().filter(l -> l.contains("rfe2e")).reduce("", (a, b) -> a + b + "\n");
  }
}
