package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's SystemdServiceManager against real systemd, from the installed agent jar: it
 * takes port 6379 over from Debian's redis-server.service, starts, reports, stops and removes
 * a redis-fleet@6379 instance.
 */
class SystemdServiceManagerE2E {

  private static final String CONF_6379 = String.join("\\n",
      "port 6379", "bind 127.0.0.1", "dir /var/lib/redis-fleet/6379", "daemonize no",
      "supervised systemd", "pidfile /var/lib/redis-fleet/6379/redis.pid");
  private static final String UNIT = "redis-fleet@6379.service";

  private static Path root;

  @BeforeAll
  static void machineCanRunHosts() {
    E2eGate.require(Hosts.unsupportedReason());
    root = Hosts.projectRoot();
  }

  @Test
  void drivesANodeUnitAndTakesPort6379OverFromTheDistroUnit() throws Exception {
    new Hosts(root).with(1, hosts -> {
      copyProbeInto(hosts.rootOf(1).resolve("opt/probe"));
      hosts.awaitActive(1, "redis-server.service");
      hosts.shOk(1, "write conf", HostsHarnessE2E.writeConf(6379, CONF_6379));

      String started = probe(hosts, "start");
      assertTrue(started.contains("takeover: stopped and disabled redis-server.service"), started);
      assertEquals("inactive\ndisabled", hosts.sh(1, "systemctl is-active redis-server.service;"
          + " systemctl is-enabled redis-server.service").text().strip());
      assertEquals("PONG", hosts.shOk(1, "ping", "redis-cli -p 6379 ping").strip());
      assertEquals("redis:redis 750", hosts.shOk(1, "data dir", "stat -c '%U:%G %a' /var/lib/redis-fleet/6379").strip());

      String mainPid = hosts.shOk(1, "main pid", "systemctl show -p MainPID --value " + UNIT).strip();
      assertTrue(probe(hosts, "status").contains("running=true pid=" + mainPid + " "));
      assertTrue(probe(hosts, "start").contains("takeover: none"), "second start changes nothing");

      probe(hosts, "restart");
      hosts.awaitActive(1, UNIT);
      probe(hosts, "stop");
      assertTrue(probe(hosts, "status").contains("running=false pid=0"));
      probe(hosts, "start");
      probe(hosts, "remove");
      assertEquals("inactive\ndisabled", hosts.sh(1, "systemctl is-active " + UNIT + ";"
          + " systemctl is-enabled " + UNIT).text().strip());
    });
  }

  private static String probe(Hosts hosts, String op) throws Exception {
    return hosts.shOk(1, "SystemdProbe " + op, "java -cp /usr/share/redis-fleet/redis-fleet-agent.jar:/opt/probe"
        + " io.redisfleet.e2e.SystemdProbe " + op + " 6379");
  }

  private static void copyProbeInto(Path dir) throws Exception {
    Path classes = Path.of(SystemdProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path pkg = Path.of("io/redisfleet/e2e");
    Files.createDirectories(dir.resolve(pkg));
    try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("SystemdProbe"))::iterator) {
        Files.copy(f, dir.resolve(pkg).resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
