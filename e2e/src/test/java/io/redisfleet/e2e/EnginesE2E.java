package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Other servers on real hosts: h1 is Debian 11 with its redis-server 6.0.16, h2 Debian 12 with
 * valkey-server 8.0 from bookworm-backports (e2e/base-image.sh variants), each with the project's
 * .debs installed. The tutorial's six nodes form one cluster across them (replicas = 0: Redis
 * 6.0 cannot load the data files Valkey 8 sends a replica), each host also runs a replicated
 * pair of its own engine, and verify passes. Then plan judges each node by its own host's server:
 * a 7.0 directive is refused on the 6.0 host only, and an engine a host lacks is named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnginesE2E {

  @RegisterExtension
  static final FailureFlag FAILURES = new FailureFlag();

  static Hosts hosts;
  static Fleet fleet;
  static Path inventory;
  /** The 6.0 host's own replicated pair, master first. */
  static String oldGroup = "master = \"h1:6380\", replicas = [ \"h1:6381\" ]";

  @BeforeAll
  static void bootARedis60AndAValkeyHost() throws Exception {
    E2eGate.require(Hosts.unsupportedReason());
    hosts = new Hosts(Hosts.projectRoot(), "bullseye bookworm-valkey");
    try {
      fleet = Fleet.bootProvisioned(hosts, 2, "fleet-engines");
      inventory = fleet.dir().resolve("engines.conf");
      write("");
    } catch (Throwable t) {
      FAILURES.set();
      throw t;
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (hosts != null) {
      hosts.finish(2, !FAILURES.failed());
    }
  }

  @Test
  @Order(1)
  void clusterAcrossRedis60AndValkeyFormsAndVerifyPasses() throws Exception {
    ControllerCli.expect(0, "apply", inventory.toString());
    assertTrue(cli(1, 7000, "info server").contains("redis_version:6.0.16"), "h1 runs Debian 11's Redis");
    assertTrue(cli(2, 7003, "info server").contains("server_name:valkey"), "h2's nodes run valkey-server");
    for (int[] n : new int[][] {{1, 7000}, {1, 7001}, {1, 7002}, {2, 7003}, {2, 7004}, {2, 7005}}) {
      assertTrue(cli(n[0], n[1], "cluster info").contains("cluster_state:ok"), "h" + n[0] + ":" + n[1]);
    }
    for (int host : new int[] {1, 2}) {
      assertTrue(cli(host, 6381, "info replication").contains("master_link_status:up"), "h" + host + " pair");
    }
    ControllerCli.expect(0, "verify", inventory.toString());
    ControllerCli.expect(0, "plan", inventory.toString());
  }

  @Test
  @Order(2)
  void planJudgesEachNodeByItsOwnHostsServer() throws Exception {
    write("clusters.main.redis { maxmemory-clients = \"5%\" }\n"
        + "replication.wrong { engine = valkey, master = \"h1:6390\" }\n");
    ControllerCli plan = ControllerCli.expect(1, "plan", inventory.toString());
    String said = plan.out() + plan.err();
    System.out.println("EnginesE2E plan:\n" + said);
    assertTrue(said.contains("directive \"maxmemory-clients\" is not known to redis 6.0.16 on host h1"), said);
    assertTrue(!said.contains("on host h2"), "valkey 8 knows maxmemory-clients: " + said);
    assertTrue(said.contains("asks for engine valkey, but host h1 runs nodes with redis 6.0.16"), said);
    write("");
    ControllerCli.expect(0, "plan", inventory.toString());
  }

  /**
   * Both engines on one host: redis-server installed beside valkey-server on h2 (an operator's
   * apt-get install). h2's nodes that name no engine stay on valkey, untouched; a new group asking
   * for redis runs Debian's redis-server there (the template unit, no drop-in) while h2's valkey
   * nodes keep their drop-ins; verify passes.
   */
  @Test
  @Order(3)
  void aHostWithBothEnginesRunsEachNodeOnItsOwn() throws Exception {
    String before = pid(2, 7003) + " " + pid(2, 6380);
    hosts.shOk(2, "install redis-server beside valkey-server", "DEBIAN_FRONTEND=noninteractive apt-get install -y"
        + " /debs/redis-server_*.deb /debs/redis-tools_*.deb /debs/libjemalloc2_*.deb /debs/liblzf1_*.deb");
    ControllerCli.expect(0, "plan", inventory.toString()); // nothing of h2 goes "back to Redis"
    write("replication.both { engine = redis, master = \"h2:6390\", replicas = [ \"h2:6391\" ] }\n");
    ControllerCli.expect(0, "apply", inventory.toString());
    assertEquals(before, pid(2, 7003) + " " + pid(2, 6380), "h2's valkey nodes were not restarted");
    for (int port : new int[] {7003, 7004, 7005, 6380, 6381}) {
      assertTrue(cli(2, port, "info server").contains("server_name:valkey"), "h2:" + port + " still on valkey");
    }
    for (int port : new int[] {6390, 6391}) {
      String info = cli(2, port, "info server");
      assertTrue(info.contains("redis_version:7.0.15") && !info.contains("server_name:valkey"), "h2:" + port + " " + info);
    }
    assertTrue(cli(2, 6391, "info replication").contains("master_link_status:up"), "the redis pair replicates");
    hosts.shOk(2, "drop-ins", "test -e /etc/systemd/system/redis-fleet@7003.service.d/50-server.conf"
        + " && test ! -e /etc/systemd/system/redis-fleet@6390.service.d/50-server.conf");
    ControllerCli.expect(0, "verify", inventory.toString());
    ControllerCli.expect(0, "plan", inventory.toString());
  }

  /**
   * Redis 6.0 has no FAILOVER: moving the 6.0 pair's master is the controller's own handover on
   * Debian 11's real redis-server (fence the master's writes until the replica has them all,
   * promote it, re-point the old master, which lifts the fence). Every key is on the new master,
   * the old one follows it and takes no fence along, verify passes.
   */
  @Test
  @Order(4)
  void aRedis60PairMovesItsMasterWithoutFailover() throws Exception {
    hosts.shOk(1, "keys on the 6.0 master", "for i in $(seq 1 500); do echo \"SET k$i v$i\"; done"
        + " | redis-cli -p 6380 > /dev/null");
    assertTrue(cli(1, 6380, "dbsize").strip().equals("500"), "500 keys written");
    oldGroup = "master = \"h1:6381\", replicas = [ \"h1:6380\" ]";
    write("");
    ControllerCli plan = ControllerCli.expect(2, "plan", inventory.toString());
    assertTrue(plan.out().contains("fence the writes of h1:6380") && !plan.out().contains("FAILOVER TO"), plan.out());
    ControllerCli.expect(0, "apply", inventory.toString());
    assertTrue(cli(1, 6381, "info replication").contains("role:master"), "h1:6381 is master");
    String old = cli(1, 6380, "info replication");
    assertTrue(old.contains("role:slave") && old.contains("master_port:6381") && old.contains("master_link_status:up"), old);
    assertEquals("500", cli(1, 6381, "dbsize").strip(), "every key on the new master");
    assertTrue(cli(1, 6380, "config get min-replicas-to-write").strip().endsWith("0"), "the fence went with the re-point");
    ControllerCli.expect(0, "verify", inventory.toString());
    ControllerCli.expect(0, "plan", inventory.toString());
  }

  /**
   * Redis 6.0's CONFIG GET and CONFIG SET take one directive each: a live change of two directives
   * is applied without a restart, and a value changed by hand on a running 6.0 node is found (the
   * running drift check reads several directives) and set back.
   */
  @Test
  @Order(5)
  void aLiveChangeOfTwoDirectivesOnRedis60AndItsDriftAreApplied() throws Exception {
    String before = pid(1, 6381);
    write("replication.old.redis { maxmemory = 64mb, maxmemory-policy = allkeys-lru }\n");
    ControllerCli.expect(0, "apply", inventory.toString());
    assertTrue(cli(1, 6381, "config get maxmemory").contains("67108864"), "maxmemory set live");
    assertTrue(cli(1, 6381, "config get maxmemory-policy").contains("allkeys-lru"), "policy set live");
    assertEquals(before, pid(1, 6381), "no restart for a live change");
    cli(1, 6381, "config set maxmemory-policy noeviction");
    ControllerCli drift = ControllerCli.expect(2, "plan", inventory.toString());
    assertTrue(drift.out().contains("maxmemory-policy"), drift.out());
    ControllerCli.expect(0, "apply", inventory.toString());
    assertTrue(cli(1, 6381, "config get maxmemory-policy").contains("allkeys-lru"), "set back");
    ControllerCli.expect(0, "plan", inventory.toString());
  }

  private static String pid(int host, int port) throws Exception {
    return cli(host, port, "info server").lines().filter(l -> l.startsWith("process_id:")).findFirst().orElse("?").strip();
  }

  private static String cli(int host, int port, String command) throws Exception {
    return hosts.shOk(host, "cli " + port + " " + command,
        "$(command -v redis-cli || command -v valkey-cli) -p " + port + " " + command);
  }

  private static void write(String extra) throws Exception {
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 15000, appendonly = yes }",
        "hosts {",
        "  h1 { address = \"" + Fleet.address(1) + "\" }",
        "  h2 { address = \"" + Fleet.address(2) + "\" }",
        "}",
        "clusters.main {",
        "  replicas = 0",
        "  nodes = [ \"h1:7000\", \"h1:7001\", \"h1:7002\", \"h2:7003\", \"h2:7004\", \"h2:7005\" ]",
        "}",
        "replication.old { engine = redis, " + oldGroup + " }",
        "replication.new { engine = valkey, master = \"h2:6380\", replicas = [ \"h2:6381\" ] }",
        "controller.tls-dir = \"" + fleet.controllerTls() + "\"",
        extra));
  }
}
