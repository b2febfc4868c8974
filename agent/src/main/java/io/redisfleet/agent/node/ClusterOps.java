package io.redisfleet.agent.node;

import io.redisfleet.agent.redis.ClusterTopology;
import io.redisfleet.agent.redis.ClusterPeer;
import io.redisfleet.agent.redis.Address;
import io.redisfleet.agent.redis.Slots;
import io.redisfleet.agent.redis.Migration;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.server.ServerVersion;
import io.redisfleet.agent.v1.ClusterOpResponse;
import java.util.List;
import java.util.Optional;

/**
 * The cluster and replication commands. Each first reads the node's own view and sends nothing
 * when the node is already in the requested state, so every call is safe to repeat.
 */
public final class ClusterOps {

  private final AgentConfig config;
  private final RedisAdmin redis;
  private final ElectionLog elections = new ElectionLog();

  public ClusterOps(AgentConfig config, RedisAdmin redis) {
    this.config = config;
    this.redis = redis;
  }

  public ClusterOpResponse setConfigEpoch(int port, long epoch) throws AgentException {
    ClusterTopology view = redis.clusterView(port);
    if (view.myEpoch() != 0 || view.nodes().size() > 1) {
      return unchanged("epoch already set (my_epoch " + view.myEpoch() + ", knows "
          + view.nodes().size() + " nodes)");
    }
    redis.setConfigEpoch(port, epoch);
    return changed("config epoch set to " + epoch);
  }

  public ClusterOpResponse meet(int port, Address target) throws AgentException {
    return meet(port, target, "");
  }

  /**
   * Meets {@code target} unless the node already knows it. With {@code expectedId} (the id the
   * target answers with now) only that id counts as known; without it, an entry at the target's
   * address that is not failed. A failed or address-less entry at that address is a node that was
   * replaced (new id, same address): skipping the meet would leave the new node out for good.
   */
  public ClusterOpResponse meet(int port, Address target, String expectedId) throws AgentException {
    ClusterTopology view = redis.clusterView(port);
    if (!expectedId.isEmpty()) {
      if (view.node(expectedId).filter(n -> !n.has("handshake")).isPresent()) {
        return unchanged("already knows " + target + " (" + expectedId + ")");
      }
      redis.clusterMeet(port, target.host(), target.port());
      return changed("CLUSTER MEET " + target.host() + " " + target.port());
    }
    for (ClusterPeer n : view.nodes()) {
      boolean myself = n.has("myself");
      boolean stale = n.has("fail") || n.has("noaddr");
      boolean sameAddress = !stale && n.host().equals(target.host()) && n.port() == target.port();
      boolean meetsItself = myself && target.port() == port && isLocal(target.host(), n.host());
      if (sameAddress || meetsItself) {
        return unchanged("already knows " + target);
      }
    }
    redis.clusterMeet(port, target.host(), target.port());
    return changed("CLUSTER MEET " + target.host() + " " + target.port());
  }

  private boolean isLocal(String target, String myHost) {
    return target.equals(myHost) || target.equals(config.hostAddress())
        || io.redisfleet.contract.IpLiterals.isLoopback(target);
  }

  public ClusterOpResponse addSlots(int port, List<Slots> ranges) throws AgentException {
    ClusterTopology view = redis.clusterView(port);
    SlotOwnership owners = SlotOwnership.of(view);
    List<Slots> missing = owners.unownedByMe(port, ranges);
    if (missing.isEmpty()) {
      return unchanged("already owns the requested slots");
    }
    // ADDSLOTSRANGE is Redis 7.0+; 6.x takes the same slots one by one with ADDSLOTS
    if (ServerVersion.atLeast(redis.info(port).redisVersion(), 7, 0)) {
      redis.addSlotsRange(port, missing);
      return changed("CLUSTER ADDSLOTSRANGE " + SlotOwnership.describe(missing));
    }
    redis.addSlots(port, missing);
    return changed("CLUSTER ADDSLOTS " + SlotOwnership.describe(missing));
  }

  public ClusterOpResponse replicate(int port, String masterId) throws AgentException {
    Optional<ClusterPeer> me = redis.clusterView(port).me();
    if (me.isPresent() && me.get().has("slave") && me.get().masterId().equals(masterId)) {
      return unchanged("already replica of " + masterId);
    }
    redis.clusterReplicate(port, masterId);
    return changed("CLUSTER REPLICATE " + masterId);
  }

  /**
   * Forgets a node that leaves the cluster. Sends nothing when the node is unknown (already
   * forgotten: Redis keeps it out for 60 s, and a removed node never comes back).
   */
  public ClusterOpResponse forget(int port, String nodeId) throws AgentException {
    ClusterTopology view = redis.clusterView(port);
    if (view.myId().equals(nodeId)) {
      throw new AgentException(Kind.INVALID_REQUEST, "node " + port + ": CLUSTER FORGET: cannot forget itself");
    }
    if (view.nodes().stream().noneMatch(n -> n.id().equals(nodeId))) {
      return unchanged("does not know " + nodeId);
    }
    redis.clusterForget(port, nodeId);
    return changed("CLUSTER FORGET " + nodeId);
  }

  /**
   * Takes a node out of its cluster once its peers forgot it. A master still holding keys is
   * refused here (Redis refuses too): its slots were not all moved; a replica's keys are a copy.
   */
  public ClusterOpResponse reset(int port) throws AgentException {
    ClusterTopology view = redis.clusterView(port);
    Optional<ClusterPeer> me = view.me();
    boolean master = me.map(n -> n.has("master")).orElse(true);
    if (view.nodes().size() <= 1 && master && me.map(n -> n.slots().size() == 0).orElse(true)) {
      return unchanged("knows only itself");
    }
    long keys = redis.dbSize(port);
    if (master && keys > 0) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": CLUSTER RESET: a master holding " + keys
          + " keys; move its slots first");
    }
    redis.clusterReset(port);
    return changed("CLUSTER RESET SOFT" + (master ? "" : " (replica: dropped its copy of " + keys + " keys)"));
  }

  public ClusterOpResponse replicaOf(int port, Optional<Address> master) throws AgentException {
    NodeInfo info = redis.info(port);
    if (master.isEmpty() && !info.isReplica()) {
      return unchanged("already a master");
    }
    if (master.isPresent() && info.isReplica() && info.masterHost().equals(master.get().host())
        && info.masterPort() == master.get().port()) {
      return unchanged("already replica of " + info.masterHost() + ":" + info.masterPort());
    }
    redis.replicaOf(port, master);
    String sent = master.map(m -> "REPLICAOF " + m.host() + " " + m.port()).orElse("REPLICAOF NO ONE");
    if (!info.clusterEnabled()) {
      // a fenced old master re-pointed by a handover without FAILOVER: as a replica it refuses writes
      // anyway, and a fence left behind would refuse them for ever once it is master again (and a
      // node promoted is to take writes, whatever an older handover left on it)
      ClusterOpResponse lifted = fence().lift(port);
      return changed(lifted.getChanged() ? sent + "; " + lifted.getDetail() : sent);
    }
    return changed(sent);
  }

  /** Fences the local group master's writes until {@code to} has them all (see {@link WriteFence}). */
  public ClusterOpResponse fenceWrites(int port, Address to, int timeoutMs, java.util.function.BooleanSupplier cancelled)
      throws AgentException {
    return fence().fence(port, to, java.time.Duration.ofMillis(timeoutMs == 0 ? 10_000 : timeoutMs), cancelled);
  }

  /** Lifts a write fence (see {@link WriteFence}); nothing is sent to a node that has none. */
  public ClusterOpResponse liftFence(int port) throws AgentException {
    return fence().lift(port);
  }

  private WriteFence fence() {
    return new WriteFence(redis, config::node);
  }

  /** FAILOVER TO on a replication group's master (see {@link GroupFailover}). */
  public ClusterOpResponse failoverTo(int port, Address to, int timeoutMs) throws AgentException {
    return new GroupFailover(redis).handOver(port, to, timeoutMs == 0 ? 10_000 : timeoutMs);
  }

  /**
   * CLUSTER FAILOVER on the local replica {@code port}, made to stick within {@code budget} (the
   * call's deadline; see {@link ClusterFailoverAttempts}); nothing is sent once {@code cancelled} says so.
   */
  public ClusterOpResponse failover(int port, String mode, java.time.Duration budget,
      java.util.function.BooleanSupplier cancelled) throws AgentException {
    NodeInfo info = redis.info(port);
    if (!info.isReplica()) {
      return unchanged("already a master");
    }
    if (!info.clusterEnabled()) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": CLUSTER FAILOVER: not a cluster node");
    }
    int sent = new ClusterFailoverAttempts(redis, elections).run(port, mode, budget, cancelled);
    return changed(("CLUSTER FAILOVER " + mode).strip() + (sent > 1 ? " (sent " + sent + " times: Redis let "
        + (sent - 1) + " lapse)" : ""));
  }

  /** Moves slots from the local master {@code port} to the master at {@code target}, slot by slot. */
  public Migration migrateSlots(int port, Address target, List<Slots> ranges, int batchKeys,
      int timeoutMs) throws AgentException {
    ClusterTopology view = redis.clusterView(port);
    if (view.myId().isEmpty()) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": MigrateSlots: not a cluster node");
    }
    List<Integer> slots = ranges.stream()
        .flatMap(r -> java.util.stream.IntStream.rangeClosed(r.start(), r.end()).boxed())
        .distinct().sorted().toList();
    return redis.migrateSlots(port, target, slots, batchKeys == 0 ? 1000 : batchKeys, timeoutMs == 0 ? 5000 : timeoutMs);
  }

  private static ClusterOpResponse changed(String detail) {
    return ClusterOpResponse.newBuilder().setChanged(true).setDetail(detail).build();
  }

  private static ClusterOpResponse unchanged(String detail) {
    return ClusterOpResponse.newBuilder().setChanged(false).setDetail(detail).build();
  }
}
