package io.redisfleet.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdServiceManagerTest {

  private static final String UNIT = "redis-fleet@7000.service";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private NodeLayout node;
  private NodeLayout node6379;
  private SystemdRecordingCommands commands;
  private SystemdServiceManager manager;

  @BeforeEach
  void setUp() throws IOException {
    AgentConfig config = AgentConfig.underStateDir(dir, "127.0.0.1", AgentConfig.Backend.SYSTEMD);
    node = config.node(7000);
    node6379 = config.node(6379);
    Files.writeString(dir.resolve("redis.conf"), "bind 127.0.0.1\nport 6379\n");
    PosixFileAttributes owner = Files.readAttributes(dir, PosixFileAttributes.class);
    commands = new SystemdRecordingCommands();
    manager = new SystemdServiceManager(commands,
        new SystemdDataDir(owner.owner().getName(), owner.group().getName()),
        new SystemdDistroRedis("redis-server.service", dir.resolve("redis.conf")), Duration.ZERO);
  }

  @Test
  void confLinesHandTheProcessToSystemd() {
    assertEquals(List.of("daemonize no", "supervised systemd", "pidfile " + node.pidFile(), "logfile \"\""),
        manager.confLines(node));
  }

  @Test
  void startEnablesTheInstanceAndWaitsUntilActive() throws Exception {
    commands.state(UNIT, "inactive 0", "activating 0", "active 42");
    manager.start(node, TIMEOUT);
    assertEquals(List.of("show " + UNIT, "show redis-server.service", "enable --now " + UNIT,
        "show " + UNIT, "show " + UNIT), commands.calls);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.dataDir())));
  }

  @Test
  void startOfAnActiveUnitDoesNothing() throws Exception {
    commands.state(UNIT, "active 42");
    manager.start(node, TIMEOUT);
    assertEquals(List.of("show " + UNIT), commands.calls);
  }

  @Test
  void startClearsAFailedUnitFirst() throws Exception {
    commands.state(UNIT, "failed 0", "active 42");
    manager.start(node, TIMEOUT);
    assertEquals(List.of("show " + UNIT, "show redis-server.service", "reset-failed " + UNIT,
        "enable --now " + UNIT, "show " + UNIT), commands.calls);
  }

  @Test
  void startTakesPort6379OverFromTheDistroUnit() throws Exception {
    String node6379Unit = "redis-fleet@6379.service";
    commands.state(node6379Unit, "inactive 0", "active 43").state("redis-server.service", "active 9", "inactive 0");
    manager.start(node6379, TIMEOUT);
    assertEquals(List.of("show " + node6379Unit, "show redis-server.service",
        "disable --now redis-server.service", "show redis-server.service",
        "enable --now " + node6379Unit, "show " + node6379Unit), commands.calls);
    assertTrue(manager.takeoverOf(node6379).orElseThrow().contains("redis-server.service"));
    assertEquals(Optional.empty(), manager.takeoverOf(node));
  }

  @Test
  void theDistroUnitOnAnotherPortIsLeftAlone() throws Exception {
    commands.state("redis-server.service", "active 9");
    assertEquals(Optional.empty(), manager.takeOverPortFromDistroUnit(node, TIMEOUT));
    assertEquals(List.of("show redis-server.service"), commands.calls);
  }

  @Test
  void aUnitThatFailsToStartNamesTheUnitAndStep() {
    commands.state(UNIT, "inactive 0").fail("systemctl enable --now " + UNIT, 1, "Job failed. See journalctl.\n");
    AgentException e = assertThrows(AgentException.class, () -> manager.start(node, TIMEOUT));
    assertEquals(AgentException.Kind.NEEDS_OPERATOR, e.kind());
    assertEquals(UNIT + ": start (systemctl enable --now " + UNIT + ") failed with exit 1: Job failed. See journalctl.",
        e.getMessage());
  }

  @Test
  void aUnitRedisRefusesToStartSaysWhyFromTheJournal() {
    commands.state(UNIT, "active 42").fail("systemctl restart " + UNIT, 1, "Job failed. See journalctl.\n")
        .journal("Starting redis-fleet@6380.service\n\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
            + "Reading the configuration file, at line 12\n>>> 'databases \"0\"'\n"
            + "argument must be between 1 and 2147483647 inclusive\nredis-fleet@6380.service: Failed\n");
    AgentException e = assertThrows(AgentException.class, () -> manager.restart(node, TIMEOUT));
    assertTrue(e.getMessage().endsWith("Job failed. See journalctl.: *** FATAL CONFIG FILE ERROR (Redis 7.0.15) *** "
        + "Reading the configuration file, at line 12 >>> 'databases \"0\"' "
        + "argument must be between 1 and 2147483647 inclusive"), e.getMessage());
  }

  @Test
  void aUnitThatNeverBecomesActiveTimesOut() {
    commands.state(UNIT, "inactive 0", "activating 0");
    AgentException e = assertThrows(AgentException.class, () -> manager.start(node, Duration.ofMillis(50)));
    assertEquals(AgentException.Kind.RETRYABLE, e.kind());
    assertTrue(e.getMessage().startsWith(UNIT + ": start: still activating"), e.getMessage());
  }

  @Test
  void stopRestartStatusAndRemoveUseTheirSystemctlVerbs() throws Exception {
    commands.state(UNIT, "active 42", "active 42", "active 42", "inactive 0");
    assertEquals(new ServiceStatus(true, 42, 1732539900250L), manager.status(node));
    manager.restart(node, TIMEOUT);
    manager.stop(node, TIMEOUT);
    manager.remove(node, TIMEOUT);
    assertEquals(List.of("show " + UNIT, "show " + UNIT, "show redis-server.service", "restart " + UNIT,
        "show " + UNIT, "stop " + UNIT, "show " + UNIT, "disable --now " + UNIT, "show " + UNIT),
        commands.calls);
  }

  /** Valkey's package installs only valkey-server: the node's unit is pointed at it by a drop-in. */
  @Test
  void anotherServerBinaryGetsADropInAndADaemonReloadOnce() throws Exception {
    Path units = dir.resolve("units");
    Path valkey = Files.createDirectories(dir.resolve("bin")).resolve("valkey-server");
    Files.writeString(valkey, "");
    PosixFileAttributes owner = Files.readAttributes(dir, PosixFileAttributes.class);
    SystemdServiceManager withValkey = new SystemdServiceManager(commands,
        new SystemdDataDir(owner.owner().getName(), owner.group().getName()),
        new SystemdDistroRedis("redis-server.service", dir.resolve("redis.conf")), Duration.ZERO,
        new SystemdServerDropIn(Optional.of(units), n -> Optional.of(valkey)));
    commands.state(UNIT, "inactive 0", "active 42");
    withValkey.start(node, TIMEOUT);
    assertTrue(commands.calls.contains("daemon-reload"), commands.calls.toString());
    String dropIn = Files.readString(SystemdServerDropIn.file(units, node));
    assertTrue(dropIn.contains("ExecStart=\nExecStart=" + valkey + " " + node.confFile()), dropIn);
    assertTrue(dropIn.contains("ExecPaths=" + valkey), dropIn);
    commands.calls.clear();
    commands.state(UNIT, "active 42", "active 43");
    withValkey.restart(node, TIMEOUT);
    assertTrue(!commands.calls.contains("daemon-reload"), "unchanged drop-in, no reload: " + commands.calls);
    commands.state(UNIT, "inactive 0");
    withValkey.remove(node, TIMEOUT);
    assertTrue(!Files.exists(SystemdServerDropIn.file(units, node)), "removed with the node");
  }

  /** A host with both engines: each node's unit runs its own node's binary, redis-server's by the template. */
  @Test
  void eachNodeGetsItsOwnBinarysDropIn() throws Exception {
    Path units = dir.resolve("units");
    Path valkey = Files.createDirectories(dir.resolve("bin")).resolve("valkey-server");
    Files.writeString(valkey, "");
    NodeLayout other = node6379;
    SystemdServerDropIn dropIns = new SystemdServerDropIn(Optional.of(units),
        n -> Optional.of(n.port() == node.port() ? valkey : SystemdServerDropIn.TEMPLATE_BINARY));
    assertTrue(dropIns.sync(node));
    assertTrue(!dropIns.sync(other), "redis-server's node needs no drop-in");
    assertTrue(Files.readString(SystemdServerDropIn.file(units, node)).contains("ExecStart=" + valkey));
    assertTrue(!Files.exists(SystemdServerDropIn.file(units, other)));
  }

  /** A host's nodes are asked about in one systemctl process, each block read by its unit's Id. */
  @Test
  void statusesOfSeveralNodesAreOneSystemctlShow() throws Exception {
    commands.state(UNIT, "active 42");
    assertEquals(java.util.Map.of(7000, new ServiceStatus(true, 42, 1732539900250L), 6379, ServiceStatus.stopped()),
        manager.statuses(List.of(node, node6379)));
    assertEquals(List.of("show " + UNIT + " redis-fleet@6379.service"), commands.calls);
    assertEquals(java.util.Map.of(), manager.statuses(List.of()));
    assertEquals(1, commands.calls.size(), "no node, no systemctl");
  }

  @Test
  void aUnitMissingFromTheOutputIsAnErrorNamingIt() {
    commands.fail("systemctl show --timestamp=unix -p Id,MainPID,ActiveState,ExecMainStartTimestamp " + UNIT, 0,
        "");
    AgentException e = assertThrows(AgentException.class, () -> manager.statuses(List.of(node)));
    assertTrue(e.getMessage().contains(UNIT + " is not in the output of systemctl show"), e.getMessage());
  }

  @Test
  void olderSystemdAnswersSeveralNodesToo() throws Exception {
    commands.fail("systemctl show --timestamp=unix -p Id,MainPID,ActiveState,ExecMainStartTimestamp " + UNIT
        + " redis-fleet@6379.service", 1, "Invalid value: unix.");
    commands.state(UNIT, "active 42");
    var statuses = manager.statuses(List.of(node, node6379));
    assertTrue(statuses.get(7000).running() && statuses.get(7000).pid() == 42, statuses.toString());
    assertTrue(!statuses.get(6379).running(), statuses.toString());
    assertEquals(2, commands.calls.size(), "unix timestamps refused once, then monotonic: " + commands.calls);
  }

  /** systemd 247 (Debian 11) refuses --timestamp=unix: the adapter asks for the monotonic start time instead. */
  @Test
  void olderSystemdWithoutUnixTimestampsIsStillRead() throws Exception {
    commands.fail("systemctl show --timestamp=unix -p MainPID,ActiveState,ExecMainStartTimestamp " + UNIT, 1,
        "Invalid value: unix.");
    commands.state(UNIT, "active 42");
    ServiceStatus status = manager.status(node);
    assertTrue(status.running(), status.toString());
    assertEquals(42, status.pid());
  }
}
