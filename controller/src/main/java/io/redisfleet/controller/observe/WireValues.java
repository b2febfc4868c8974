package io.redisfleet.controller.observe;

import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.FailoverMode;
import io.redisfleet.agent.v1.HostCheck;
import io.redisfleet.agent.v1.NodeState;

/**
 * The agent's role, link and severity values: the enum field when the agent set it, else the older
 * string field (an agent from before the enums, which leaves them UNSPECIFIED).
 */
public final class WireValues {

  private WireValues() {}

  /** "master", "replica", or the agent's string when the enum is unset. */
  public static String role(NodeState s) {
    return switch (s.getNodeRole()) {
      case NODE_ROLE_MASTER -> "master";
      case NODE_ROLE_REPLICA -> "replica";
      default -> s.getRole();
    };
  }

  /** Whether a replica's link to its master is up. */
  public static boolean masterLinkUp(NodeState s) {
    return switch (s.getMasterLink()) {
      case MASTER_LINK_UP -> true;
      case MASTER_LINK_DOWN, MASTER_LINK_NONE -> false;
      default -> "up".equals(s.getMasterLinkStatus());
    };
  }

  /** Whether the CLUSTER NODES line's link is connected. */
  public static boolean connected(ClusterNode n) {
    return switch (n.getLink()) {
      case CLUSTER_LINK_CONNECTED -> true;
      case CLUSTER_LINK_DISCONNECTED -> false;
      default -> "connected".equals(n.getLinkState());
    };
  }

  /** "ok", "warning" or "error". */
  public static String severity(HostCheck c) {
    return switch (c.getLevel()) {
      case SEVERITY_OK -> "ok";
      case SEVERITY_WARNING -> "warning";
      case SEVERITY_ERROR -> "error";
      default -> c.getSeverity();
    };
  }

  /** The enum for a CLUSTER FAILOVER option ("" coordinated, FORCE, TAKEOVER); sent beside the string. */
  public static FailoverMode failoverMode(String mode) {
    return switch (mode) {
      case "" -> FailoverMode.FAILOVER_MODE_COORDINATED;
      case "FORCE" -> FailoverMode.FAILOVER_MODE_FORCE;
      case "TAKEOVER" -> FailoverMode.FAILOVER_MODE_TAKEOVER;
      default -> FailoverMode.FAILOVER_MODE_UNSPECIFIED;
    };
  }
}
