package io.redisfleet.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.agent.v1.Endpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Loopback only: a listening port is open, a port nobody listens on is closed (refused). */
class EndpointProberTest {

  @Test
  void openAndClosed() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals("open", EndpointProber.probe(endpoint(listening.getLocalPort()), 500).getResult());
    }
    assertEquals("closed", EndpointProber.probe(endpoint(closedPort), 500).getResult());
    assertEquals("error", EndpointProber.probe(endpoint(0), 500).getResult());
  }

  private static Endpoint endpoint(int port) {
    return Endpoint.newBuilder().setHost("127.0.0.1").setPort(port).build();
  }
}
