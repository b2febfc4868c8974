package io.redisfleet.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The "installed" redis-server of tests that upgrade it: this machine has one real binary, so
 * agents run a wrapper script whose {@code --version} prints the version written into it and
 * that execs the real /usr/bin/redis-server for everything else. Installing a wrapper of a higher
 * version over it is what an apt-get upgrade looks like to an agent.
 */
public final class InstalledServer {

  private final Path wrapper;
  private final String real;

  private InstalledServer(Path wrapper, String real) {
    this.wrapper = wrapper;
    this.real = real;
  }

  /** A wrapper at {@code dir}/redis-server, installed at the real binary's version. */
  public static InstalledServer under(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/redis-server", "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    InstalledServer server = new InstalledServer(Files.createDirectories(dir).resolve("redis-server"),
        out.replaceAll("(?s).*v=(\\S+).*", "$1").strip());
    server.install(server.real);
    return server;
  }

  public Path path() {
    return wrapper;
  }

  /** The real binary's version, e.g. 7.0.15. */
  public String realVersion() {
    return real;
  }

  /** The real version with its last number replaced: {@code newer(999)} of 7.0.15 is 7.0.999. */
  public String newer(int patch) {
    return real.replaceAll("\\.\\d+$", "." + patch);
  }

  /**
   * A second engine beside the first: {@code valkey-server} in the same directory (the agent finds
   * the other engine's binary beside its configured one), whose {@code --version} says Valkey and
   * which runs the real redis-server with "valkey-wrapper" in its process title, so a test can read
   * from /proc/PID/cmdline which binary started a process (not the environment: Redis moves its
   * environment to write its title over it).
   */
  public Path valkeyBeside(String version) throws IOException {
    Path valkey = wrapper.resolveSibling("valkey-server");
    Files.writeString(valkey, String.join("\n", "#!/bin/sh",
        "if [ \"$1\" = --version ]; then",
        "  echo \"Valkey server v=" + version + " sha=00000000:0 malloc=libc bits=64 build=wrapper\"",
        "  exit 0",
        "fi",
        "exec /usr/bin/redis-server \"$@\" --proc-title-template \"{title} {listen-addr} {server-mode} valkey-wrapper\"",
        ""));
    Files.setPosixFilePermissions(valkey, PosixFilePermissions.fromString("rwxr-xr-x"));
    return valkey;
  }

  /**
   * Installs a "binary" of {@code version}: like a package upgrade, a new file renamed over the old
   * one (a new inode, size and mtime), since agents cache a binary's version by those.
   */
  public void install(String version) throws IOException {
    install(version, "");
  }

  /**
   * Installs Redis 6.0 as far as a handover is concerned: {@code --version} says 6.0.16 and the
   * real server runs without its FAILOVER command (renamed away), as a 6.0 server has none.
   */
  public void installWithoutFailover() throws IOException {
    install("6.0.16", " --rename-command FAILOVER \"\"");
  }

  private void install(String version, String extraArgs) throws IOException {
    Path next = wrapper.resolveSibling("redis-server.new");
    Files.writeString(next, String.join("\n", "#!/bin/sh",
        "if [ \"$1\" = --version ]; then",
        "  echo \"Redis server v=" + version + " sha=00000000:0 malloc=libc bits=64 build=wrapper\"",
        "  exit 0",
        "fi",
        "exec /usr/bin/redis-server \"$@\"" + extraArgs, ""));
    Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(next, wrapper, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
