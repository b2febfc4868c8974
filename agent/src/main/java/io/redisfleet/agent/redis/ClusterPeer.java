package io.redisfleet.agent.redis;

import java.util.List;

/**
 * One line of a node's CLUSTER NODES.
 *
 * @param flags e.g. "myself", "master", "slave", "fail?", "fail", "handshake", "noaddr"
 * @param masterId for a replica, its master's id; "" otherwise
 * @param linkState "connected" or "disconnected"
 * @param migrating open slots, verbatim ("[1234->-id]", "[1234-<-id]")
 */
public record ClusterPeer(String id, String host, int port, int busPort, List<String> flags, String masterId,
    long configEpoch, String linkState, List<Slots> slots, List<String> migrating) {

  public ClusterPeer {
    flags = List.copyOf(flags);
    slots = List.copyOf(slots);
    migrating = List.copyOf(migrating);
  }

  public boolean has(String flag) {
    return flags.contains(flag);
  }
}
