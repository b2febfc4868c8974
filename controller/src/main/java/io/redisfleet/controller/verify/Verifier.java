package io.redisfleet.controller.verify;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The tutorial's data check, done for every shard: through a real cluster client, write a key
 * that lands on each master, read it back, read it from each of that master's replicas once
 * replicated, then delete it. Replication groups the same way, directly.
 */
public final class Verifier {

  private final Inventory inventory;
  private final String runId;
  private final List<String> lines = new ArrayList<>();
  private boolean ok = true;

  public Verifier(Inventory inventory, String runId) {
    this.inventory = inventory;
    this.runId = runId;
  }

  /** What was checked, line by line, and whether all of it passed. */
  public record Report(boolean ok, List<String> lines) {}

  public Report verify(Observation observation) {
    for (ClusterSpec cluster : inventory.clusters()) {
      verifyCluster(cluster, observation);
    }
    for (ReplicationGroup group : inventory.replication()) {
      verifyGroup(group);
    }
    return new Report(ok, List.copyOf(lines));
  }

  private void verifyCluster(ClusterSpec cluster, Observation observation) {
    Set<HostAndPort> seeds = new HashSet<>();
    cluster.refs().forEach(r -> seeds.add(new HostAndPort(inventory.addressOf(r), r.port())));
    List<ObservedNode> nodes = cluster.refs().stream().map(observation::node)
        .flatMap(Optional::stream).filter(n -> n.cluster().isPresent()).toList();
    List<ObservedNode> masters = nodes.stream()
        .filter(n -> n.cluster().flatMap(ClusterState::myself).map(m -> m.isMaster() && m.slotCount() > 0).orElse(false))
        .toList();
    if (masters.isEmpty()) {
      fail("cluster " + cluster.name() + ": no master serves slots");
      return;
    }
    try (RedisClusterClient client = RedisClusterClient.builder().nodes(seeds).clientConfig(RedisLogin.config(cluster.auth(), cluster.tls())).build()) {
      for (ObservedNode master : masters) {
        ClusterNodeView self = master.cluster().flatMap(ClusterState::myself).orElseThrow();
        String key = keyIn(self.slots().get(0));
        String value = "verify-" + runId + "-" + master.ref();
        try {
          client.set(key, value);
          check(value.equals(client.get(key)), "cluster " + cluster.name() + ": " + key + " via cluster client on "
              + master.ref());
          for (ObservedNode replica : nodes) {
            boolean follows = replica.cluster().flatMap(ClusterState::myself)
                .map(m -> self.id().equals(m.masterId())).orElse(false);
            if (follows) {
              check(ReplicaReads.await(endpoint(replica.ref()), key, value, true, RedisLogin.config(cluster.auth(), cluster.tls())),
                  "cluster " + cluster.name() + ": " + key + " replicated to " + replica.ref());
            }
          }
        } finally {
          client.del(key);
        }
      }
    } catch (JedisException e) {
      fail("cluster " + cluster.name() + ": " + e.getMessage());
    }
  }

  private void verifyGroup(ReplicationGroup group) {
    NodeRef master = group.master().ref();
    String key = "redis-fleet:verify:" + runId + ":" + group.name();
    String value = "verify-" + runId;
    try (var jedis = new redis.clients.jedis.Jedis(
        new HostAndPort(inventory.addressOf(master), master.port()), RedisLogin.config(group.auth(), group.tls()))) {
      jedis.set(key, value);
      check(value.equals(jedis.get(key)), "group " + group.name() + ": " + key + " on " + master);
      for (NodeDecl replica : group.replicas()) {
        check(ReplicaReads.await(endpoint(replica.ref()), key, value, false, RedisLogin.config(group.auth(), group.tls())),
            "group " + group.name() + ": " + key + " replicated to " + replica.ref());
      }
      jedis.del(key);
    } catch (JedisException e) {
      fail("group " + group.name() + ": " + master + ": " + e.getMessage());
    }
  }

  /** A key whose hash slot falls in the range, so the write lands on that master. */
  private String keyIn(SlotRange range) {
    for (int i = 0; ; i++) {
      String key = "redis-fleet:verify:" + runId + ":" + i;
      int slot = JedisClusterCRC16.getSlot(key);
      if (slot >= range.start() && slot <= range.end()) {
        return key;
      }
    }
  }

  private Endpoint endpoint(NodeRef ref) {
    return new Endpoint(inventory.addressOf(ref), ref.port());
  }

  private void check(boolean passed, String what) {
    lines.add((passed ? "ok      " : "FAILED  ") + what);
    ok &= passed;
  }

  private void fail(String what) {
    lines.add("FAILED  " + what);
    ok = false;
  }
}
