package io.redisfleet.agent.redis;

import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.SlotRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses CLUSTER NODES and CLUSTER INFO into a {@link ClusterView}. A CLUSTER NODES line is
 * {@code id ip:port@cport[,hostname] flags master ping-sent pong-recv config-epoch link-state slot...}
 * where a slot is "N", "N-M", or a migration "[N->-id]" / import "[N-<-id]" kept verbatim.
 */
public final class ClusterNodesParser {

  private ClusterNodesParser() {}

  public static ClusterView parse(String clusterInfo, String clusterNodes) {
    Map<String, String> info = new HashMap<>();
    for (String line : clusterInfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        info.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    List<ClusterNode> nodes = parseNodes(clusterNodes);
    String myId = nodes.stream().filter(n -> n.getFlagsList().contains("myself"))
        .map(ClusterNode::getId).findFirst().orElse("");
    return ClusterView.newBuilder()
        .setMyId(myId)
        .setState(info.getOrDefault("cluster_state", ""))
        .setSlotsAssigned((int) num(info, "cluster_slots_assigned"))
        .setSlotsOk((int) num(info, "cluster_slots_ok"))
        .setKnownNodes((int) num(info, "cluster_known_nodes"))
        .setSize((int) num(info, "cluster_size"))
        .setCurrentEpoch(num(info, "cluster_current_epoch"))
        .setMyEpoch(num(info, "cluster_my_epoch"))
        .addAllNodes(nodes)
        .build();
  }

  public static List<ClusterNode> parseNodes(String clusterNodes) {
    List<ClusterNode> nodes = new ArrayList<>();
    for (String line : clusterNodes.split("\n")) {
      String[] w = line.strip().split(" +");
      if (w.length >= 8) {
        nodes.add(parseLine(w));
      }
    }
    return nodes;
  }

  private static ClusterNode parseLine(String[] w) {
    ClusterNode.Builder node = ClusterNode.newBuilder().setId(w[0]);
    parseAddress(w[1], node);
    for (String flag : w[2].split(",")) {
      if (!flag.isEmpty() && !flag.equals("noflags")) {
        node.addFlags(flag);
      }
    }
    node.setMasterId(w[3].equals("-") ? "" : w[3])
        .setConfigEpoch(Long.parseLong(w[6]))
        .setLinkState(w[7])
        .setLink(io.redisfleet.contract.WireEnums.clusterLink(w[7]));
    for (int i = 8; i < w.length; i++) {
      String slot = w[i];
      if (slot.startsWith("[")) {
        node.addMigrating(slot);
      } else {
        int dash = slot.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? slot : slot.substring(0, dash));
        int end = dash < 0 ? start : Integer.parseInt(slot.substring(dash + 1));
        node.addSlots(SlotRange.newBuilder().setStart(start).setEnd(end));
      }
    }
    return node.build();
  }

  /** "ip:port@cport[,hostname]" or the pre-4.0 "ip:port"; the ip may be empty or IPv6. */
  private static void parseAddress(String field, ClusterNode.Builder node) {
    String addr = field;
    int comma = addr.indexOf(',');
    if (comma >= 0) {
      addr = addr.substring(0, comma);
    }
    int at = addr.indexOf('@');
    if (at >= 0) {
      node.setBusPort(Integer.parseInt(addr.substring(at + 1)));
      addr = addr.substring(0, at);
    }
    int colon = addr.lastIndexOf(':');
    node.setHost(addr.substring(0, colon)).setPort(Integer.parseInt(addr.substring(colon + 1)));
  }

  private static long num(Map<String, String> info, String key) {
    try {
      return Long.parseLong(info.getOrDefault(key, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
