package io.redisfleet.controller.agentclient;

import io.grpc.ManagedChannel;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.tls.AgentChannelException;
import io.redisfleet.controller.tls.AgentChannels;
import io.redisfleet.controller.tls.AgentTarget;
import io.redisfleet.controller.tls.ControllerTls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Mutual-TLS channels to remote agents: the controller's bundle from the inventory's
 * {@code controller.tls-dir}, the agent's certificate checked against its inventory address.
 */
final class AgentTlsChannels {

  private AgentTlsChannels() {}

  static ManagedChannel open(Inventory inventory, Host host) throws IOException {
    String where = "host " + host.name() + " (agent at " + host.address() + ":" + host.agentPort() + ")";
    if (inventory.tlsDir().isEmpty()) {
      throw new IOException(where + ": not on loopback, so mutual TLS is required;"
          + " set controller.tls-dir to a bundle made by `controller pki issue controller`");
    }
    try {
      return AgentChannels.mutualTls(ControllerTls.inDir(Path.of(inventory.tlsDir().get())))
          .open(AgentTarget.tls(host.name(), host.address(), host.agentPort()));
    } catch (AgentChannelException e) {
      throw new IOException(where + ": " + e.getMessage(), e);
    }
  }
}
