package io.redisfleet.controller.agentclient;

import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.SlotRange;
import java.util.Optional;

/** Conversions from the controller's model to the agent contract's messages. */
public final class Protos {

  private Protos() {}

  public static io.redisfleet.agent.v1.Endpoint endpoint(Endpoint endpoint) {
    return io.redisfleet.agent.v1.Endpoint.newBuilder().setHost(endpoint.host()).setPort(endpoint.port()).build();
  }

  public static io.redisfleet.agent.v1.SlotRange slotRange(SlotRange range) {
    return io.redisfleet.agent.v1.SlotRange.newBuilder().setStart(range.start()).setEnd(range.end()).build();
  }

  /** The spec the agent renders a node's conf from. */
  public static NodeSpec nodeSpec(DesiredNode node, Optional<Endpoint> replicaOf) {
    NodeSpec.Builder spec = NodeSpec.newBuilder()
        .setPort(node.ref().port())
        .setClusterEnabled(node.clusterEnabled());
    replicaOf.ifPresent(m -> spec.setReplicaOf(endpoint(m)));
    for (Directive d : node.directives()) {
      spec.addDirectives(io.redisfleet.agent.v1.Directive.newBuilder().setName(d.name()).addAllArgs(d.args()));
    }
    return spec.build();
  }
}
