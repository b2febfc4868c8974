package io.redisfleet.controller.agentclient;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.redisfleet.controller.agentmodule.AgentModule;
import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Opens a channel to every host's agent: an in-process server for embedded agents (the same
 * gRPC service, no network), Netty for remote ones. Closes all of it on {@link #close()}.
 */
public final class Connections implements AutoCloseable {

  private final Map<String, AgentClient> clients = new HashMap<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<AgentModule.Embedded> embedded = new ArrayList<>();

  private Connections() {}

  public static Connections open(Inventory inventory, String runId) throws IOException {
    Connections c = new Connections();
    try {
      // Loaded once, and only when some agent is remote: embedded-only runs need no bundle.
      boolean anyRemote = inventory.hosts().values().stream().anyMatch(h -> h.agent() == AgentMode.REMOTE);
      AgentTlsChannels remote = anyRemote ? AgentTlsChannels.forInventory(inventory) : null;
      for (Host host : inventory.hosts().values()) {
        ManagedChannel channel = host.agent() == AgentMode.EMBEDDED ? c.embedded(host) : remote.open(host);
        c.channels.add(channel);
        String address = host.agent() == AgentMode.EMBEDDED ? "embedded" : host.address() + ":" + host.agentPort();
        c.clients.put(host.name(), new GrpcAgentClient(host.name(), address, channel, inventory.timeouts().rpc(),
            BackOff.DEFAULT, runId));
      }
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public Map<String, AgentClient> clients() {
    return Map.copyOf(clients);
  }

  private ManagedChannel embedded(Host host) throws IOException {
    String name = "redis-fleet-embedded-" + host.name() + "-" + UUID.randomUUID();
    Path stateDir = Path.of(host.stateDir().orElseThrow(
        () -> new IOException("host " + host.name() + ": embedded agent without a state-dir")));
    embedded.add(AgentModule.startEmbedded(name, stateDir, host.address()));
    return InProcessChannelBuilder.forName(name).build();
  }

  @Override
  public void close() {
    for (ManagedChannel channel : channels) {
      channel.shutdown();
    }
    for (ManagedChannel channel : channels) {
      try {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        channel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    embedded.forEach(AgentModule.Embedded::close);
  }
}
