package io.redisfleet.agent.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a TCP port is free on this host. Binding the wildcard address fails while any process
 * listens on that port on any address, which is exactly what would make redis-server fail.
 */
public final class PortProbe {

  private PortProbe() {}

  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // TIME_WAIT from a node that just stopped does not count
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
