package io.redisfleet.contract;

/**
 * The port rules agent and controller share: the one home of the highest port and of the
 * cluster bus offset, so the controller never accepts a port the agent refuses.
 */
public final class Ports {

  /** The highest TCP port. */
  public static final int MAX = 65535;
  /** Redis' cluster bus listens on the node's port plus this. */
  public static final int BUS_OFFSET = 10000;
  /** The highest port a cluster node may have: its bus port must be a port too. */
  public static final int MAX_CLUSTER = MAX - BUS_OFFSET;

  private Ports() {}

  /** 1..55535: a node's client port, whose bus port (+10000) must be a port too. */
  public static boolean validNode(long port) {
    return port >= 1 && port <= MAX_CLUSTER;
  }

  /** 1..65535. */
  public static boolean valid(long port) {
    return port >= 1 && port <= MAX;
  }
}
