package io.redisfleet.agent;

import io.redisfleet.agent.redis.ClusterPeer;
import io.redisfleet.agent.redis.ClusterTopology;
import io.redisfleet.agent.redis.Migration;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.MigrateSlotsResponse;
import io.redisfleet.agent.v1.SlotRange;
import io.redisfleet.contract.WireEnums;

/**
 * The agent's model mapped to the contract's messages on the way out, as {@link Requests} maps
 * them on the way in: the Redis port ({@link io.redisfleet.agent.redis.RedisAdmin}) and the node
 * logic never build a wire message.
 */
public final class Responses {

  private Responses() {}

  public static ClusterView view(ClusterTopology t) {
    return ClusterView.newBuilder().setMyId(t.myId()).setState(t.state()).setSlotsAssigned(t.slotsAssigned())
        .setSlotsOk(t.slotsOk()).setKnownNodes(t.knownNodes()).setSize(t.size()).setCurrentEpoch(t.currentEpoch())
        .setMyEpoch(t.myEpoch()).addAllNodes(t.nodes().stream().map(Responses::node).toList()).build();
  }

  private static ClusterNode node(ClusterPeer n) {
    return ClusterNode.newBuilder().setId(n.id()).setHost(n.host()).setPort(n.port()).setBusPort(n.busPort())
        .addAllFlags(n.flags()).setMasterId(n.masterId()).setConfigEpoch(n.configEpoch())
        .setLinkState(n.linkState()).setLink(WireEnums.clusterLink(n.linkState()))
        .addAllSlots(n.slots().stream().map(r -> SlotRange.newBuilder().setStart(r.start()).setEnd(r.end()).build())
            .toList())
        .addAllMigrating(n.migrating()).build();
  }

  static MigrateSlotsResponse migration(Migration m) {
    return MigrateSlotsResponse.newBuilder().setChanged(m.changed()).setDetail(m.detail())
        .setSlotsMoved(m.slotsMoved()).setKeysMoved(m.keysMoved()).build();
  }
}
