package io.redisfleet.controller.agentclient;

import io.grpc.ManagedChannel;
import io.redisfleet.contract.IpLiterals;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.tls.AgentChannelException;
import io.redisfleet.controller.tls.AgentChannels;
import io.redisfleet.controller.tls.AgentTarget;
import io.redisfleet.controller.tls.ControllerTls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Channels to remote agents: mutual TLS with the controller's bundle from the inventory's
 * {@code controller.tls-dir} (the agent's certificate checked against its inventory address), or
 * plaintext when there is no bundle and the agent is on loopback. {@link AgentChannels} enforces
 * the loopback rule; the bundle is loaded once per run.
 */
final class AgentTlsChannels {

  private final Inventory inventory;
  private final AgentChannels channels;

  private AgentTlsChannels(Inventory inventory, AgentChannels channels) {
    this.inventory = inventory;
    this.channels = channels;
  }

  static AgentTlsChannels forInventory(Inventory inventory) throws IOException {
    if (inventory.tlsDir().isEmpty()) {
      return new AgentTlsChannels(inventory, AgentChannels.plaintextOnly());
    }
    try {
      return new AgentTlsChannels(inventory,
          AgentChannels.mutualTls(ControllerTls.inDir(Path.of(inventory.tlsDir().get()))));
    } catch (AgentChannelException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  ManagedChannel open(Host host) throws IOException {
    String where = "host " + host.name() + " (agent at " + host.address() + ":" + host.agentPort() + ")";
    boolean plaintext = inventory.tlsDir().isEmpty();
    if (plaintext && !IpLiterals.isLoopback(host.address())) {
      throw new IOException(where + ": not on loopback, so mutual TLS is required;"
          + " set controller.tls-dir to a bundle made by `controller pki issue controller`");
    }
    try {
      return channels.open(new AgentTarget(host.name(), host.address(), host.agentPort(), plaintext));
    } catch (AgentChannelException e) {
      throw new IOException(where + ": " + e.getMessage(), e);
    }
  }
}
