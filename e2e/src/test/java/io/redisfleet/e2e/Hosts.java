package io.redisfleet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The e2e/hosts.sh harness from Java: every call bounded, every failure names host and step. */
final class Hosts {

  /** What a command printed (stdout and stderr interleaved) and how it exited. */
  record Output(int exitCode, String text) {}

  /** What a test does with its hosts. */
  interface Body {
    void run(Hosts hosts) throws Exception;
  }

  private final Path root;
  private final String bases;

  /** The repository root the e2e classes run from ({@code -Dredisfleet.root}, default the parent directory). */
  static Path projectRoot() {
    return Path.of(System.getProperty("redisfleet.root", "..")).toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Hosts(Path root) {
    this(root, "");
  }

  /** Hosts booted from these base variants in order (hosts.sh RFE2E_BASES, e.g. "bullseye bookworm-valkey"). */
  Hosts(Path root, String bases) {
    this.root = root;
    this.bases = bases;
  }

  /** Whether this machine can run the harness at all, or why not. */
  static String unsupportedReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "e2e hosts need root (systemd-nspawn, network namespaces, overlay mounts)";
    }
    for (String tool : List.of("/usr/bin/systemd-nspawn", "/usr/sbin/debootstrap", "/usr/bin/nsenter")) {
      if (!Files.isExecutable(Path.of(tool))) {
        return tool + " missing (apt-get install -y systemd-container debootstrap)";
      }
    }
    return "";
  }

  /**
   * Boots n hosts with the .debs installed, runs body, collects every host's logs when it
   * fails, and always tears the hosts down.
   */
  void with(int n, Body body) throws Exception {
    boolean passed = false;
    try {
      start(n);
      body.run(this);
      passed = true;
    } finally {
      finish(n, passed);
    }
  }

  /** Boots n hosts and installs the .debs on each (for a test class that shares its hosts). */
  void start(int n) throws IOException, InterruptedException {
    up(n);
    for (int i = 1; i <= n; i++) {
      install(i);
    }
  }

  /** Collects every host's journal and console log unless all passed, then tears the hosts down. */
  void finish(int n, boolean passed) throws IOException, InterruptedException {
    try {
      if (!passed) {
        Path logs = Path.of(System.getProperty("redisfleet.e2e.logs", "target/e2e-logs"));
        collectLogs(n, logs);
        System.out.println("e2e logs of every host in " + logs.toAbsolutePath());
      }
    } finally {
      down();
    }
  }

  /** Waits until systemctl says the unit is active (60 s at most). */
  void awaitActive(int host, String unit) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      state = sh(host, "systemctl is-active " + unit).text().strip();
      if (state.equals("active")) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("h" + host + ": " + unit + " not active within 60s (last: " + state + ")\n"
        + sh(host, "systemctl status --no-pager " + unit).text());
  }

  /** The host's root directory as seen from this machine (its overlay), to copy files in. */
  Path rootOf(int host) throws IOException, InterruptedException {
    Output out = run(script("hosts.sh", "root", Integer.toString(host)), Duration.ofSeconds(10));
    if (out.exitCode() != 0) {
      throw new AssertionError("h" + host + ": root: " + out.text());
    }
    return Path.of(out.text().strip());
  }

  void up(int n) throws IOException, InterruptedException {
    // The first run debootstraps the base image (about 3 minutes); later runs extract a cached tar.
    check("up " + n, script("debs.sh"), Duration.ofMinutes(2));
    check("up " + n, script("hosts.sh", "up", Integer.toString(n)), Duration.ofMinutes(10));
  }

  void install(int host) throws IOException, InterruptedException {
    check("h" + host + ": install", script("hosts.sh", "install", Integer.toString(host)), Duration.ofMinutes(3));
  }

  void reboot(int host) throws IOException, InterruptedException {
    check("h" + host + ": reboot", script("hosts.sh", "reboot", Integer.toString(host)), Duration.ofMinutes(3));
  }

  /** Runs a shell command inside the host; returns its output whatever the exit code. */
  Output sh(int host, String command) throws IOException, InterruptedException {
    return run(script("hosts.sh", "exec", Integer.toString(host), "sh", "-c", command), Duration.ofMinutes(2));
  }

  /** Runs a shell command inside the host and fails unless it exits 0. */
  String shOk(int host, String step, String command) throws IOException, InterruptedException {
    Output out = sh(host, command);
    if (out.exitCode() != 0) {
      throw new AssertionError("h" + host + ": " + step + ": exit " + out.exitCode() + ":\n" + out.text());
    }
    return out.text();
  }

  void collectLogs(int hosts, Path dir) throws IOException, InterruptedException {
    for (int i = 1; i <= hosts; i++) {
      run(script("hosts.sh", "logs", Integer.toString(i), dir.toString()), Duration.ofMinutes(1));
    }
  }

  void down() throws IOException, InterruptedException {
    check("down", script("hosts.sh", "down"), Duration.ofMinutes(3));
  }

  /** Runs a command on this machine (not in a host). */
  static Output run(List<String> argv, Duration timeout) throws IOException, InterruptedException {
    Path log = Files.createTempFile("rfe2e", ".log");
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", argv) + ": no result within " + timeout + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Output(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private List<String> script(String name, String... args) {
    List<String> argv = new ArrayList<>(bases.isEmpty() ? List.of() : List.of("env", "RFE2E_BASES=" + bases));
    argv.add(root.resolve("e2e").resolve(name).toString());
    argv.addAll(List.of(args));
    return argv;
  }

  private static void check(String step, List<String> argv, Duration timeout)
      throws IOException, InterruptedException {
    Output out = run(argv, timeout);
    if (out.exitCode() != 0) {
      throw new AssertionError(step + ": exit " + out.exitCode() + ":\n" + out.text());
    }
  }
}
