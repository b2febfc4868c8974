package io.redisfleet.controller.agentclient;

import io.grpc.ManagedChannel;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import java.io.IOException;

/** Mutual-TLS channels to remote agents (wired to the fleet PKI). */
final class AgentTlsChannels {

  private AgentTlsChannels() {}

  static ManagedChannel open(Inventory inventory, Host host) throws IOException {
    throw new IOException("host " + host.name() + ": agent at " + host.address() + ":" + host.agentPort()
        + " is not on loopback; mutual TLS (controller.tls-dir) is required");
  }
}
