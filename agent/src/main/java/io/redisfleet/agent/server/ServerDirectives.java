package io.redisfleet.agent.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The directive names an installed server binary accepts, read from the server itself: a
 * throwaway instance of the binary on a free loopback port (no persistence, a temporary dir),
 * CONFIG GET *, SHUTDOWN NOSAVE. Redis 6.0 to 7.2 and Valkey list every directive there,
 * aliases included, so no list per engine and version has to be kept by hand; the few names
 * only the conf parser takes (include, rename-command, ...) are the controller's to add.
 * Cached per binary (path, size, modification time): an upgrade replaces the file.
 */
public final class ServerDirectives {

  private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
  private static final Map<String, Probe> CACHE = new ConcurrentHashMap<>();

  /** The names, or why they could not be read. */
  public record Probe(List<String> names, String error) {
    public Probe {
      names = List.copyOf(names);
    }
  }

  private ServerDirectives() {}

  public static Probe of(Path binary) {
    String key;
    try {
      key = binary.toRealPath() + ":" + Files.size(binary) + ":" + Files.getLastModifiedTime(binary).toMillis();
    } catch (IOException e) {
      return new Probe(List.of(), "read " + binary + ": " + e);
    }
    return CACHE.computeIfAbsent(key, k -> probe(binary));
  }

  private static Probe probe(Path binary) {
    Path dir = null;
    Process process = null;
    try {
      dir = Files.createTempDirectory("redis-fleet-probe");
      int port = freePort();
      process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(), "--logfile", "")
          .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
      return new Probe(configNames(port, process), "");
    } catch (IOException | JedisException e) {
      return new Probe(List.of(), binary + ": CONFIG GET * of a throwaway instance failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probe(List.of(), binary + ": interrupted");
    } finally {
      stop(process);
      deleteQuietly(dir);
    }
  }

  private static List<String> configNames(int port, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + PING_TIMEOUT.toNanos();
    JedisException last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
          DefaultJedisClientConfig.builder().timeoutMillis(2000).build())) {
        List<String> flat = new ArrayList<>(jedis.configGet("*").keySet());
        return List.copyOf(new TreeSet<>(flat));
      } catch (JedisException e) {
        last = e; // not listening yet
        Thread.sleep(20);
      }
    }
    throw new JedisException("no answer on 127.0.0.1:" + port + " within " + PING_TIMEOUT.toSeconds() + " s"
        + (process.isAlive() ? "" : " (the server exited with " + process.exitValue() + ")")
        + (last == null ? "" : ": " + last.getMessage()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy(); // SIGTERM: nothing to save (no persistence)
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover empty temp dir is harmless
    }
  }
}
