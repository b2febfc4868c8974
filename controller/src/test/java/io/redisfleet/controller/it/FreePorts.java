package io.redisfleet.controller.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Picks ports that are free together with their cluster bus ports (port + 10000), away from the
 * ports a local cluster or Debian's Redis use, so tests run beside them and beside each other.
 */
public final class FreePorts {

  private static final Set<Integer> RESERVED = Set.of(6379, 6380, 6381, 7000, 7001, 7002, 7003, 7004, 7005);
  private static final Random RANDOM = new Random();

  private FreePorts() {}

  public static List<Integer> pick(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20000 + RANDOM.nextInt(20000);
      List<Integer> ports = new ArrayList<>();
      for (int p = base; p < base + count; p++) {
        if (RESERVED.contains(p) || !free(p) || !free(p + 10000)) {
          break;
        }
        ports.add(p);
      }
      if (ports.size() == count) {
        return ports;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports found");
  }

  static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
