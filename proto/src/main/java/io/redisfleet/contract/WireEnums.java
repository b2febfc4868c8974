package io.redisfleet.contract;

import io.redisfleet.agent.v1.ClusterLink;
import io.redisfleet.agent.v1.FailoverMode;
import io.redisfleet.agent.v1.MasterLink;
import io.redisfleet.agent.v1.NodeRole;
import io.redisfleet.agent.v1.Severity;

/**
 * The proto enums that stand beside the older string fields (role, link, severity, failover mode),
 * both ways in one place. The writer fills both, so a reader that knows only the strings keeps
 * working; a reader takes the enum when it is set and falls back to the string when it is
 * UNSPECIFIED (a peer from before the enums, or a value the enum does not know).
 */
public final class WireEnums {

  private WireEnums() {}

  /** INFO replication's role ("replica" or "slave"; "master"). */
  public static NodeRole role(String role) {
    return switch (role) {
      case "master" -> NodeRole.NODE_ROLE_MASTER;
      case "replica", "slave" -> NodeRole.NODE_ROLE_REPLICA;
      default -> NodeRole.NODE_ROLE_UNSPECIFIED;
    };
  }

  /** "master", "replica", or {@code fallback} (the string field) when the enum is unset. */
  public static String role(NodeRole role, String fallback) {
    return switch (role) {
      case NODE_ROLE_MASTER -> "master";
      case NODE_ROLE_REPLICA -> "replica";
      default -> fallback;
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

  /** Whether a replica's link to its master is up; {@code fallback} is the master_link_status string. */
  public static boolean masterLinkUp(MasterLink link, String fallback) {
    return switch (link) {
      case MASTER_LINK_UP -> true;
      case MASTER_LINK_DOWN, MASTER_LINK_NONE -> false;
      default -> "up".equals(fallback);
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

  /** Whether a CLUSTER NODES line's link is connected; {@code fallback} is its link-state string. */
  public static boolean connected(ClusterLink link, String fallback) {
    return switch (link) {
      case CLUSTER_LINK_CONNECTED -> true;
      case CLUSTER_LINK_DISCONNECTED -> false;
      default -> "connected".equals(fallback);
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

  /** "ok", "warning" or "error"; {@code fallback} (the string field) when the enum is unset. */
  public static String severity(Severity severity, String fallback) {
    return switch (severity) {
      case SEVERITY_OK -> "ok";
      case SEVERITY_WARNING -> "warning";
      case SEVERITY_ERROR -> "error";
      default -> fallback;
    };
  }

  /** The enum for a CLUSTER FAILOVER option ("" coordinated, FORCE, TAKEOVER). */
  public static FailoverMode failoverMode(String mode) {
    return switch (mode) {
      case "" -> FailoverMode.FAILOVER_MODE_COORDINATED;
      case "FORCE" -> FailoverMode.FAILOVER_MODE_FORCE;
      case "TAKEOVER" -> FailoverMode.FAILOVER_MODE_TAKEOVER;
      default -> FailoverMode.FAILOVER_MODE_UNSPECIFIED;
    };
  }

  /**
   * A failover request's mode as the CLUSTER FAILOVER option ("" coordinated, FORCE, TAKEOVER):
   * the enum when the sender set it, else {@code fallback}, its string (an older controller).
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
