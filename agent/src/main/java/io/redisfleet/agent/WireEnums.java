package io.redisfleet.agent;

import io.redisfleet.agent.v1.ClusterLink;
import io.redisfleet.agent.v1.FailoverMode;
import io.redisfleet.agent.v1.MasterLink;
import io.redisfleet.agent.v1.NodeRole;
import io.redisfleet.agent.v1.Severity;

/**
 * The proto enums that stand beside the older string fields (role, link, severity, failover mode).
 * The agent fills both, so a controller that reads only the strings keeps working; a value the
 * enum does not know stays UNSPECIFIED and the reader falls back to the string.
 */
public final class WireEnums {

  private WireEnums() {}

  /** INFO replication's role, as {@link io.redisfleet.agent.redis.NodeInfo} spells it ("replica", not "slave"). */
  public static NodeRole role(String role) {
    return switch (role) {
      case "master" -> NodeRole.NODE_ROLE_MASTER;
      case "replica", "slave" -> NodeRole.NODE_ROLE_REPLICA;
      default -> NodeRole.NODE_ROLE_UNSPECIFIED;
    };
  }

  /** A replica's master_link_status; NONE for a master (it has no link). */
  public static MasterLink masterLink(String role, String status) {
    if (role(role) == NodeRole.NODE_ROLE_MASTER) {
      return MasterLink.MASTER_LINK_NONE;
    }
    return switch (status) {
      case "up" -> MasterLink.MASTER_LINK_UP;
      case "down" -> MasterLink.MASTER_LINK_DOWN;
      default -> MasterLink.MASTER_LINK_UNSPECIFIED;
    };
  }

  /** The link-state column of a CLUSTER NODES line. */
  public static ClusterLink clusterLink(String linkState) {
    return switch (linkState) {
      case "connected" -> ClusterLink.CLUSTER_LINK_CONNECTED;
      case "disconnected" -> ClusterLink.CLUSTER_LINK_DISCONNECTED;
      default -> ClusterLink.CLUSTER_LINK_UNSPECIFIED;
    };
  }

  public static Severity severity(String severity) {
    return switch (severity) {
      case "ok" -> Severity.SEVERITY_OK;
      case "warning" -> Severity.SEVERITY_WARNING;
      case "error" -> Severity.SEVERITY_ERROR;
      default -> Severity.SEVERITY_UNSPECIFIED;
    };
  }

  /**
   * A failover request's mode as the CLUSTER FAILOVER option ("" coordinated, FORCE, TAKEOVER):
   * the enum when the controller set it, else its string (an older controller).
   */
  public static String failoverMode(FailoverMode mode, String fallback) {
    return switch (mode) {
      case FAILOVER_MODE_COORDINATED -> "";
      case FAILOVER_MODE_FORCE -> "FORCE";
      case FAILOVER_MODE_TAKEOVER -> "TAKEOVER";
      default -> fallback;
    };
  }
}
