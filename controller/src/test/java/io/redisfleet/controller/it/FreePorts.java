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
 * Both stay below the kernel's ephemeral range (32768 and up by default): a port from that range
 * can be taken by any outgoing connection (a gRPC channel, a replica link) between the moment it
 * is found free and the moment the node binds it, which made a create fail with "port already in
 * use" under load.
 */
public final class FreePorts {

  private static final Set<Integer> RESERVED = Set.of(6379, 6380, 6381, 7000, 7001, 7002, 7003, 7004, 7005);
  private static final Random RANDOM = new Random();
  private static final int LOWEST = 10000;
  private static final int BUS_OFFSET = 10000;
  /** The first port of Linux's default ip_local_port_range. */
  private static final int EPHEMERAL = 32768;

  private FreePorts() {}

  public static List<Integer> pick(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = LOWEST + RANDOM.nextInt(EPHEMERAL - BUS_OFFSET - LOWEST - count);
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
