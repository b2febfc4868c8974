package io.redisfleet.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/** Test helpers: free ports away from well-known Redis ports, and killing only our own nodes. */
final class TestNodes {

  private final Set<Long> pids = new HashSet<>();

  void remember(long pid) {
    if (pid > 0) {
      pids.add(pid);
    }
  }

  /** Kills, by PID, every redis-server this test started: those it saw and those in its pidfiles. */
  void killAll(Path state) {
    try (Stream<Path> dirs = Files.list(state.resolve("data"))) {
      dirs.map(d -> d.resolve("redis.pid")).filter(Files::exists).forEach(f -> {
        try {
          remember(Long.parseLong(Files.readString(f).strip()));
        } catch (IOException | NumberFormatException e) {
          // unreadable pidfile: nothing to kill from it
        }
      });
    } catch (IOException e) {
      // no data directory: no node was started
    }
    for (long pid : pids) {
      if (isRedisServer(pid)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    for (long pid : pids) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (isRedisServer(pid) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    pids.clear();
  }

  /**
   * A live redis-server: /proc/PID/cmdline names it. (Debian's redis-server is a symlink to
   * redis-check-rdb, so the executable path does not tell; a zombie has an empty cmdline.)
   */
  static boolean isRedisServer(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).contains("redis-server");
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    return freePorts(1)[0];
  }

  /**
   * Ports in 11000..22699 whose port and bus port (+10000) are both free: both below the kernel's
   * ephemeral range (32768 and up), where any outgoing connection may take a port between the
   * check and the node's bind.
   */
  static int[] freePorts(int n) {
    int[] out = new int[n];
    int found = 0;
    for (int tries = 0; found < n && tries < 1000; tries++) {
      int p = ThreadLocalRandom.current().nextInt(11000, 22700);
      boolean dup = false;
      for (int i = 0; i < found; i++) {
        dup |= out[i] == p;
      }
      if (!dup && portFree(p) && portFree(p + 10000)) {
        out[found++] = p;
      }
    }
    if (found < n) {
      throw new IllegalStateException("no free ports found");
    }
    return out;
  }

  static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Jedis jedis(int port) {
    return new Jedis("127.0.0.1", port, 5000);
  }

  /** Polls until the supplier returns non-null, failing after the deadline with what was awaited. */
  static <T> T await(String what, int seconds, Supplier<T> check) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      T value = check.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
  }
}
