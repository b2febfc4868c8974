package io.redisfleet.agent.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses CLUSTER NODES and CLUSTER INFO into a {@link ClusterTopology}. A CLUSTER NODES line is
 * {@code id ip:port@cport[,hostname] flags master ping-sent pong-recv config-epoch link-state slot...}
 * where a slot is "N", "N-M", or a migration "[N->-id]" / import "[N-<-id]" kept verbatim.
 */
public final class ClusterNodesParser {

  private ClusterNodesParser() {}

  public static ClusterTopology parse(String clusterInfo, String clusterNodes) {
    Map<String, String> info = new HashMap<>();
    for (String line : clusterInfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        info.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    List<ClusterPeer> nodes = parseNodes(clusterNodes);
    String myId = nodes.stream().filter(n -> n.has("myself")).map(ClusterPeer::id).findFirst().orElse("");
    return new ClusterTopology(myId, info.getOrDefault("cluster_state", ""),
        (int) num(info, "cluster_slots_assigned"), (int) num(info, "cluster_slots_ok"),
        (int) num(info, "cluster_known_nodes"), (int) num(info, "cluster_size"),
        num(info, "cluster_current_epoch"), num(info, "cluster_my_epoch"), nodes);
  }

  public static List<ClusterPeer> parseNodes(String clusterNodes) {
    List<ClusterPeer> nodes = new ArrayList<>();
    for (String line : clusterNodes.split("\n")) {
      String[] w = line.strip().split(" +");
      if (w.length >= 8) {
        nodes.add(parseLine(w));
      }
    }
    return nodes;
  }

  private static ClusterPeer parseLine(String[] w) {
    List<String> flags = new ArrayList<>();
    for (String flag : w[2].split(",")) {
      if (!flag.isEmpty() && !flag.equals("noflags")) {
        flags.add(flag);
      }
    }
    List<Slots> slots = new ArrayList<>();
    List<String> migrating = new ArrayList<>();
    for (int i = 8; i < w.length; i++) {
      String slot = w[i];
      if (slot.startsWith("[")) {
        migrating.add(slot);
      } else {
        int dash = slot.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? slot : slot.substring(0, dash));
        slots.add(new Slots(start, dash < 0 ? start : Integer.parseInt(slot.substring(dash + 1))));
      }
    }
    Address address = parseAddress(w[1]);
    return new ClusterPeer(w[0], address.host(), address.port(), busPort(w[1]), flags, w[3].equals("-") ? "" : w[3],
        Long.parseLong(w[6]), w[7], slots, migrating);
  }

  /** "ip:port@cport[,hostname]" or the pre-4.0 "ip:port"; the ip may be empty or IPv6. */
  private static Address parseAddress(String field) {
    String addr = field;
    int comma = addr.indexOf(',');
    if (comma >= 0) {
      addr = addr.substring(0, comma);
    }
    int at = addr.indexOf('@');
    if (at >= 0) {
      addr = addr.substring(0, at);
    }
    int colon = addr.lastIndexOf(':');
    return new Address(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1)));
  }

  /** The cluster bus port of "ip:port@cport[,hostname]"; 0 when the line has none (before 4.0). */
  private static int busPort(String field) {
    int comma = field.indexOf(',');
    String addr = comma >= 0 ? field.substring(0, comma) : field;
    int at = addr.indexOf('@');
    return at >= 0 ? Integer.parseInt(addr.substring(at + 1)) : 0;
  }

  private static long num(Map<String, String> info, String key) {
    try {
      return Long.parseLong(info.getOrDefault(key, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
