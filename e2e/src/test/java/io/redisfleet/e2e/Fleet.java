package io.redisfleet.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Provisions the redis-fleet agents of booted e2e hosts as an operator would: a fleet CA and
 * certificates from {@code controller pki}, each agent's bundle in its /etc/redis-fleet/tls/, its
 * options in /etc/default/redis-fleet-agent; and rewrites the seed inventories to these hosts.
 */
final class Fleet {

  static final int AGENT_PORT = 7781;
  /** The seed files' documentation addresses: never dialled, always rewritten. */
  private static final String SEED_NET = "172.16.179.";

  private final Hosts hosts;
  private final Path root;
  private final Path dir;

  Fleet(Hosts hosts, Path root, Path dir) throws IOException, InterruptedException {
    this.hosts = hosts;
    this.root = root;
    this.dir = dir;
    Hosts.run(List.of("rm", "-rf", dir.toString()), Duration.ofSeconds(30));
    Files.createDirectories(dir);
  }

  /**
   * The boot every e2e class shares: starts {@code count} hosts, then a fleet CA, agent and
   * controller certificates under {@code e2e/target/<dir>}; {@code provision}: every agent is
   * configured, given its bundle and awaited. A class whose test is the provisioning itself passes false.
   */
  static Fleet boot(Hosts hosts, int count, String dir, boolean provision) throws Exception {
    hosts.start(count);
    Fleet fleet = new Fleet(hosts, hosts.root(), hosts.root().resolve("e2e/target").resolve(dir));
    fleet.issueCertificates(count);
    for (int h = 1; provision && h <= count; h++) {
      fleet.provision(h);
    }
    return fleet;
  }

  /** {@link #boot} with every agent provisioned and serving. */
  static Fleet bootProvisioned(Hosts hosts, int count, String dir) throws Exception {
    return boot(hosts, count, dir, true);
  }

  Path dir() {
    return dir;
  }

  static String address(int host) {
    return "10.77.0." + (10 + host);
  }

  Path pki() {
    return dir.resolve("pki");
  }

  Path controllerTls() {
    return pki().resolve("controller");
  }

  /** The fleet CA, one agent certificate per host (SAN = its address) and the controller's. */
  void issueCertificates(int hostCount) {
    ControllerCli.expect(0, "pki", "init", "--dir", pki().toString());
    for (int i = 1; i <= hostCount; i++) {
      ControllerCli.expect(0, "pki", "issue", "agent", "--dir", pki().toString(), "--name", "h" + i,
          "--san", address(i));
    }
    ControllerCli.expect(0, "pki", "issue", "controller", "--dir", pki().toString());
  }

  /** Options, bundle, restart, then waits until the agent serves. */
  void provision(int host) throws Exception {
    configureAgent(host);
    installBundle(host);
    hosts.shOk(host, "restart agent", "systemctl restart redis-fleet-agent");
    awaitAgent(host);
  }

  /**
   * /etc/default/redis-fleet-agent as the packaged example says: listen on all, name the address;
   * the packaged file's own JAVA_OPTS line kept, so the hosts run the agent as the .deb ships it.
   */
  void configureAgent(int host) throws IOException, InterruptedException {
    Path file = hosts.rootOf(host).resolve("etc/default/redis-fleet-agent");
    String javaOpts = Files.readAllLines(file).stream().filter(l -> l.startsWith("JAVA_OPTS=")).findFirst()
        .orElseThrow(() -> new IllegalStateException("the packaged " + file + " has no JAVA_OPTS line"));
    Files.writeString(file, "REDIS_FLEET_AGENT_OPTS=\"--listen 0.0.0.0:" + AGENT_PORT + " --address "
        + address(host) + "\"\n" + javaOpts + "\n");
  }

  /** Copies hI's bundle into its /etc/redis-fleet/tls/: key, certificate, CA, each renamed into place. */
  void installBundle(int host) throws IOException, InterruptedException {
    Path from = pki().resolve("agents").resolve("h" + host);
    Path to = hosts.rootOf(host).resolve("etc/redis-fleet/tls");
    for (String name : List.of("agent.key", "agent.crt", "ca.crt")) {
      Path tmp = to.resolve("." + name + ".tmp");
      Files.copy(from.resolve(name), tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(name.endsWith(".key") ? "rw-------" : "rw-r--r--"));
      Files.move(tmp, to.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Waits until the agent's TLS port accepts connections from this side of the bridge (90 s). */
  void awaitAgent(int host) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address(host), AGENT_PORT), 1000);
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(300);
      }
    }
    throw new AssertionError("h" + host + ": agent not serving on " + address(host) + ":" + AGENT_PORT
        + " within 90 s (" + last + ")\n" + hosts.sh(host, "journalctl -u redis-fleet-agent -b --no-pager | tail -20").text());
  }

  /**
   * A seed inventory with its documentation addresses replaced by the hosts' (h1 = .130 -> 10.77.0.11,
   * h2 = .131 -> 10.77.0.12) and controller.tls-dir pointing at tlsDir.
   */
  Path inventory(String seed, Path tlsDir, String as) throws IOException {
    String text = Files.readString(root.resolve("inventory").resolve(seed))
        .replace(SEED_NET + "130", address(1))
        .replace(SEED_NET + "131", address(2))
        .replace("/etc/redis-fleet/controller-tls", tlsDir.toString());
    if (text.contains(SEED_NET)) {
      throw new AssertionError(seed + ": a documentation address is left after rewriting:\n" + text);
    }
    Path file = dir.resolve(as);
    Files.writeString(file, text);
    return file;
  }

  /**
   * A controller bundle whose certificate another CA signed, next to the fleet's ca.crt (so the
   * controller still trusts the agents): what every agent must refuse.
   */
  Path controllerTlsSignedByAnotherCa() throws IOException {
    Path other = dir.resolve("other-pki");
    ControllerCli.expect(0, "pki", "init", "--dir", other.toString());
    ControllerCli.expect(0, "pki", "issue", "controller", "--dir", other.toString());
    Path bundle = dir.resolve("foreign-controller-tls");
    Files.createDirectories(bundle);
    Files.copy(other.resolve("controller/controller.key"), bundle.resolve("controller.key"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(other.resolve("controller/controller.crt"), bundle.resolve("controller.crt"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pki().resolve("ca.crt"), bundle.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
    return bundle;
  }

  /** The whole bundle of another fleet: the controller must refuse the agents' certificates. */
  Path otherFleetsControllerTls() {
    return dir.resolve("other-pki").resolve("controller");
  }

  /** One field of INFO or CLUSTER INFO from a node, asked with redis-cli inside its host. */
  String redisField(int host, int port, String command, String field) throws IOException, InterruptedException {
    String text = hosts.shOk(host, "redis-cli -p " + port + " " + command, "redis-cli -p " + port + " " + command);
    return text.lines().filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).strip())
        .findFirst().orElse("");
  }

  /** When systemd last started the node's unit (monotonic µs): equal before and after means not restarted. */
  String unitStart(int host, int port) throws IOException, InterruptedException {
    return hosts.shOk(host, "unit start of " + port,
        "systemctl show -p ExecMainStartTimestampMonotonic --value redis-fleet@" + port).strip();
  }

  /** Waits until every node says cluster_state:ok (one node saying so is not enough). */
  void awaitClusterOk(int[][] hostPorts, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int[] hp : hostPorts) {
      String state = "";
      while (!(state = redisField(hp[0], hp[1], "cluster info", "cluster_state")).equals("ok")) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("h" + hp[0] + ":" + hp[1] + ": cluster_state " + state + " after " + timeout);
        }
        Thread.sleep(500);
      }
    }
  }
}
