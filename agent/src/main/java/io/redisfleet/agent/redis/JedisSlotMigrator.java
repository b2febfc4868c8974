package io.redisfleet.agent.redis;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.MigrateParams;

/**
 * Moves slots from a local master to a peer master with Redis' own protocol, as redis-cli's
 * reshard does: IMPORTING on the target, MIGRATING on the source (each pipelined over the whole
 * request), GETKEYSINSLOT + MIGRATE batches per slot, then NODE on target and source. Every
 * decision comes from both nodes' views read at the start, so a call interrupted anywhere is
 * finished by the next one: owned slots are skipped, open ones completed.
 */
final class JedisSlotMigrator {

  private final int port;
  private final JedisClientConfig sourceConfig;
  private final JedisClientConfig targetConfig;
  private final Optional<Credentials> login;

  JedisSlotMigrator(int port, JedisClientConfig sourceConfig, JedisClientConfig targetConfig,
      Optional<Credentials> login) {
    this.port = port;
    this.sourceConfig = sourceConfig;
    this.targetConfig = targetConfig;
    this.login = login;
  }

  Migration migrate(Address target, List<Integer> slots, int batch, int timeoutMs) throws AgentException {
    String where = "node " + port + ": MigrateSlots to " + target;
    try (Jedis src = new Jedis(new HostAndPort("127.0.0.1", port), sourceConfig);
        Jedis dst = new Jedis(new HostAndPort(target.host(), target.port()), targetConfig)) {
      ClusterTopology sv = ClusterNodesParser.parse(src.clusterInfo(), src.clusterNodes());
      ClusterTopology tv = ClusterNodesParser.parse(dst.clusterInfo(), dst.clusterNodes());
      String srcId = sv.myId();
      String dstId = tv.myId();
      check(sv, tv, target, where);
      SlotStates source = SlotStates.of(sv);
      SlotStates dest = SlotStates.of(tv);
      List<Integer> todo = new ArrayList<>();
      for (int s : slots) {
        boolean done = dstId.equals(dest.owner(s)) && dstId.equals(source.owner(s)) && !source.open(s) && !dest.open(s);
        if (done) {
          continue;
        }
        String owner = source.owner(s);
        if (!srcId.equals(owner) && !dstId.equals(owner)) {
          throw new AgentException(Kind.NEEDS_OPERATOR, where + ": slot " + s + " is owned by "
              + (owner == null ? "nobody" : "node " + owner) + ", not by this node");
        }
        todo.add(s);
      }
      if (todo.isEmpty()) {
        return new Migration(false, "target already owns the " + slots.size() + " slot(s)", 0, 0);
      }
      pipelined(dst, where + ": SETSLOT IMPORTING", todo.stream().filter(s -> !dstId.equals(dest.owner(s))).toList(),
          s -> new String[] {"SETSLOT", Integer.toString(s), "IMPORTING", srcId});
      pipelined(src, where + ": SETSLOT MIGRATING", todo.stream().filter(s -> srcId.equals(source.owner(s))).toList(),
          s -> new String[] {"SETSLOT", Integer.toString(s), "MIGRATING", dstId});
      long keys = 0;
      for (int s : todo) {
        keys += moveKeys(src, target, s, batch, timeoutMs);
      }
      pipelined(dst, where + ": SETSLOT NODE on target", todo, s -> new String[] {"SETSLOT", Integer.toString(s), "NODE", dstId});
      // A master that gave its last slot may already follow the target as a replica (Redis 7
      // replica migration, learned from the target's gossip): the slot is the target's then, and
      // SETSLOT says "only with masters". redis-cli accepts the same reply.
      pipelined(src, where + ": SETSLOT NODE on source", todo, s -> new String[] {"SETSLOT", Integer.toString(s), "NODE", dstId},
          "only with masters");
      return new Migration(true, "moved " + todo.size() + " slot(s), " + keys + " key(s) to " + dstId, todo.size(), keys);
    } catch (JedisConnectionException e) {
      throw new AgentException(Kind.RETRYABLE, where + ": connection lost: " + e.getMessage(), e);
    } catch (JedisException e) {
      throw new AgentException(Kind.NEEDS_OPERATOR, where + ": redis replied " + e.getMessage(), e);
    }
  }

  /** The target must be a master peer the source knows by that address, and not the source itself. */
  private static void check(ClusterTopology sv, ClusterTopology tv, Address target, String where) throws AgentException {
    if (sv.myId().equals(tv.myId())) {
      throw new AgentException(Kind.INVALID_REQUEST, where + ": the target is the source node itself");
    }
    Optional<ClusterPeer> peer = sv.node(tv.myId());
    if (peer.isEmpty() || peer.get().has("handshake")) {
      throw new AgentException(Kind.RETRYABLE, where + ": the source does not know node " + tv.myId() + " yet");
    }
    if (!peer.get().host().equals(target.host()) || peer.get().port() != target.port()) {
      throw new AgentException(Kind.INVALID_REQUEST, where + ": the source knows node " + tv.myId() + " at "
          + peer.get().host() + ":" + peer.get().port() + ", not at the requested address");
    }
    if (!peer.get().has("master")) {
      throw new AgentException(Kind.NEEDS_OPERATOR, where + ": node " + tv.myId() + " is not a master");
    }
  }

  private long moveKeys(Jedis src, Address target, int slot, int batch, int timeoutMs) throws AgentException {
    long moved = 0;
    while (true) {
      List<byte[]> keys = src.clusterGetKeysInSlotBinary(slot, batch);
      if (keys.isEmpty()) {
        return moved;
      }
      MigrateParams params = new MigrateParams();
      login.ifPresent(c -> {
        if (c.user().isPresent()) {
          params.auth2(c.user().get(), c.password());
        } else {
          params.auth(c.password());
        }
      });
      try {
        src.migrate(target.host(), target.port(), 0, timeoutMs, params, keys.toArray(byte[][]::new));
      } catch (JedisException e) { // never echo the command: it carries the password
        String msg = String.valueOf(e.getMessage());
        boolean retryable = e instanceof JedisConnectionException || msg.contains("CLUSTERDOWN") || msg.contains("TRYAGAIN")
            || msg.contains("IOERR") || msg.contains("LOADING");
        throw new AgentException(retryable ? Kind.RETRYABLE : Kind.NEEDS_OPERATOR, "node " + port + ": MIGRATE of " + keys.size()
            + " key(s) of slot " + slot + " to " + target + ": " + e.getMessage(), e);
      }
      moved += keys.size();
    }
  }

  private static void pipelined(Jedis jedis, String what, List<Integer> slots, IntFunction<String[]> args)
      throws AgentException {
    pipelined(jedis, what, slots, args, null);
  }

  private static void pipelined(Jedis jedis, String what, List<Integer> slots, IntFunction<String[]> args,
      String acceptedError) throws AgentException {
    if (slots.isEmpty()) {
      return;
    }
    Pipeline p = jedis.pipelined();
    slots.forEach(s -> p.sendCommand(Protocol.Command.CLUSTER, args.apply(s)));
    List<Object> replies = p.syncAndReturnAll();
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i) instanceof Exception e
          && (acceptedError == null || !String.valueOf(e.getMessage()).contains(acceptedError))) {
        throw new AgentException(Kind.NEEDS_OPERATOR, what + " " + slots.get(i) + ": redis replied " + e.getMessage(), e);
      }
    }
  }
}
