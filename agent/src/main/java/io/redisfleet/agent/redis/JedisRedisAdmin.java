package io.redisfleet.agent.redis;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLParameters;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.args.ClusterFailoverOption;
import redis.clients.jedis.args.ClusterResetType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.FailoverParams;

/**
 * {@link RedisAdmin} over Jedis to 127.0.0.1:port. A fresh connection per call: calls are rare,
 * and no pool state can go stale across node restarts.
 */
public final class JedisRedisAdmin implements RedisAdmin {

  private final Credentials.Source credentials;
  /** Per port, the login of the spec being applied (see {@link #hintLogin}). */
  private final java.util.Map<Integer, Credentials> hints = new java.util.concurrent.ConcurrentHashMap<>();

  /** For nodes without auth (tests of the bare admin). */
  public JedisRedisAdmin() {
    this(Credentials.Source.none());
  }

  /** @param credentials the login to each node, looked up per call (it changes with the conf) */
  public JedisRedisAdmin(Credentials.Source credentials) {
    this.credentials = credentials;
  }

  @Override
  public void hintLogin(int port, Optional<Credentials> login) {
    login.ifPresentOrElse(l -> hints.put(port, l), () -> hints.remove(port));
  }

  /**
   * The logins to try, in order: the conf on disk, the previous conf (kept while a change is
   * applied), the spec being applied, none. A change half applied by a crash or a refused
   * CONFIG SET leaves the node wanting one of these, so the next apply can always log in to
   * finish or undo it.
   */
  private List<Optional<Credentials>> logins(int port) {
    java.util.LinkedHashSet<Optional<Credentials>> all = new java.util.LinkedHashSet<>();
    all.add(credentials.forPort(port));
    credentials.fallbacks(port).forEach(c -> all.add(Optional.of(c)));
    Optional.ofNullable(hints.get(port)).ifPresent(c -> all.add(Optional.of(c)));
    all.add(Optional.empty());
    return List.copyOf(all);
  }

  /** A connection logged in with the first login the node accepts. */
  private Jedis open(int port, int socketTimeoutMs) throws AgentException {
    JedisDataException refused = null;
    List<Optional<Credentials>> logins = logins(port);
    for (Optional<Credentials> login : logins) {
      Jedis jedis = null;
      try {
        jedis = new Jedis(new HostAndPort("127.0.0.1", port), client(port, socketTimeoutMs, login));
        if (login.isEmpty() && logins.size() > 1) {
          jedis.ping(); // no AUTH was sent: only a command tells whether the node wants one
        }
        return jedis;
      } catch (JedisException e) {
        if (jedis != null) {
          jedis.close();
        }
        if (!(e instanceof JedisDataException data) || !loginRefused(data)) {
          throw e;
        }
        refused = data; // this login is not (or no longer / not yet) the node's: try the next
      }
    }
    throw refused;
  }

  private Optional<Credentials> workingLogin(int port) throws AgentException {
    for (Optional<Credentials> login : logins(port)) {
      try (Jedis probe = new Jedis(new HostAndPort("127.0.0.1", port), client(port, 5000, login))) {
        probe.ping();
        return login;
      } catch (JedisDataException e) {
        if (!loginRefused(e)) {
          return login;
        }
      } catch (JedisException e) {
        return login; // not a login problem: the call itself reports it
      }
    }
    return credentials.forPort(port);
  }

  /** NOAUTH, WRONGPASS, or AUTH sent to a node that has no password. */
  private static boolean loginRefused(JedisDataException e) {
    String msg = String.valueOf(e.getMessage());
    return e instanceof redis.clients.jedis.exceptions.JedisAccessControlException || msg.startsWith("NOAUTH")
        || msg.startsWith("WRONGPASS") || msg.contains("without any password configured");
  }

  private JedisClientConfig client(int port, int socketTimeoutMs, Optional<Credentials> login) throws AgentException {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(1000).socketTimeoutMillis(socketTimeoutMs).clientName("redis-fleet-agent");
    login.ifPresent(c -> {
      c.user().ifPresent(b::user);
      b.password(c.password());
    });
    Optional<NodeTls> tls = credentials.tls(port);
    if (tls.isPresent()) {
      try {
        SSLParameters checkName = new SSLParameters();
        checkName.setEndpointIdentificationAlgorithm("HTTPS"); // 127.0.0.1 is in the node's SANs
        b.ssl(true).sslSocketFactory(tls.get().socketFactory()).sslParameters(checkName);
      } catch (IOException | GeneralSecurityException e) {
        throw new AgentException(Kind.FATAL, "node " + port + ": TLS: cannot load " + tls.get().cert() + " / "
            + tls.get().key() + " / " + tls.get().ca() + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /** One Redis interaction on an open connection. */
  @FunctionalInterface
  private interface Call<T> {
    T run(Jedis jedis);
  }

  @Override
  public void ping(int port) throws AgentException {
    String reply = call(port, "PING", Kind.RETRYABLE, Jedis::ping);
    if (!"PONG".equals(reply)) {
      throw new AgentException(Kind.RETRYABLE, "node " + port + ": PING: unexpected reply " + reply);
    }
  }

  @Override
  public Snapshot snapshot(int port) throws AgentException {
    return call(port, "INFO", Kind.RETRYABLE, jedis -> {
      NodeInfo info = NodeInfo.parse(jedis.info()); // default sections include replication, cluster, keyspace
      Optional<ClusterTopology> cluster = info.clusterEnabled()
          ? Optional.of(ClusterNodesParser.parse(jedis.clusterInfo(), jedis.clusterNodes()))
          : Optional.empty();
      return new Snapshot(info, cluster);
    });
  }

  @Override
  public ClusterTopology clusterView(int port) throws AgentException {
    return call(port, "CLUSTER NODES", Kind.NEEDS_OPERATOR,
        jedis -> ClusterNodesParser.parse(jedis.clusterInfo(), jedis.clusterNodes()));
  }

  @Override
  public void configSet(int port, String name, String value) throws AgentException {
    call(port, "CONFIG SET " + name, Kind.INVALID_REQUEST, jedis -> jedis.configSet(name, value));
  }

  @Override
  public void configSet(int port, java.util.LinkedHashMap<String, String> values) throws AgentException {
    // one command: Redis 7 applies all of it or, when it refuses one value, none; before 7.0 CONFIG
    // SET takes one directive, so the server's arity error means one command per directive
    try {
      call(port, "CONFIG SET " + String.join(" ", values.keySet()), Kind.INVALID_REQUEST,
          jedis -> jedis.configSet(values));
    } catch (AgentException e) {
      if (values.size() < 2 || !arityRefused(e)) {
        throw e;
      }
      RedisAdmin.super.configSet(port, values);
    }
  }

  /** A server before 7.0 refusing CONFIG GET/SET with several directives. */
  private static boolean arityRefused(AgentException e) {
    String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return msg.contains("wrong number of arguments");
  }

  @Override
  public java.util.Map<String, String> configGet(int port, List<String> names) throws AgentException {
    try {
      return call(port, "CONFIG GET " + String.join(" ", names), Kind.RETRYABLE,
          jedis -> jedis.configGet(names.toArray(String[]::new)));
    } catch (AgentException e) {
      if (names.size() < 2 || !arityRefused(e)) {
        throw e;
      }
      java.util.Map<String, String> out = new java.util.LinkedHashMap<>(); // before 7.0: one name per CONFIG GET
      for (String name : names) {
        out.putAll(call(port, "CONFIG GET " + name, Kind.RETRYABLE, jedis -> jedis.configGet(name)));
      }
      return out;
    }
  }

  @Override
  public void setConfigEpoch(int port, long epoch) throws AgentException {
    call(port, "CLUSTER SET-CONFIG-EPOCH " + epoch, Kind.NEEDS_OPERATOR,
        jedis -> jedis.clusterSetConfigEpoch(epoch));
  }

  @Override
  public void clusterMeet(int port, String host, int targetPort) throws AgentException {
    call(port, "CLUSTER MEET " + host + " " + targetPort, Kind.INVALID_REQUEST,
        jedis -> jedis.clusterMeet(host, targetPort));
  }

  @Override
  public void addSlotsRange(int port, List<Slots> ranges) throws AgentException {
    int[] bounds = ranges.stream().flatMapToInt(r -> java.util.stream.IntStream.of(r.start(), r.end()))
        .toArray();
    call(port, "CLUSTER ADDSLOTSRANGE", Kind.NEEDS_OPERATOR, jedis -> jedis.clusterAddSlotsRange(bounds));
  }

  @Override
  public void addSlots(int port, List<Slots> ranges) throws AgentException {
    int[] slots = ranges.stream().flatMapToInt(r -> java.util.stream.IntStream.rangeClosed(r.start(), r.end()))
        .toArray();
    call(port, "CLUSTER ADDSLOTS", Kind.NEEDS_OPERATOR, jedis -> jedis.clusterAddSlots(slots));
  }

  @Override
  public void clusterReplicate(int port, String masterId) throws AgentException {
    // "Unknown node" right after a MEET is gossip not having arrived yet: worth a retry.
    call(port, "CLUSTER REPLICATE " + masterId, Kind.NEEDS_OPERATOR, jedis -> jedis.clusterReplicate(masterId));
  }

  @Override
  public void clusterForget(int port, String nodeId) throws AgentException {
    call(port, "CLUSTER FORGET " + nodeId, Kind.NEEDS_OPERATOR, jedis -> jedis.clusterForget(nodeId));
  }

  @Override
  public void clusterReset(int port) throws AgentException {
    call(port, "CLUSTER RESET SOFT", Kind.NEEDS_OPERATOR, jedis -> jedis.clusterReset(ClusterResetType.SOFT));
  }

  @Override
  public void replicaOf(int port, Optional<Address> master) throws AgentException {
    String step = master.map(m -> "REPLICAOF " + m.host() + " " + m.port()).orElse("REPLICAOF NO ONE");
    call(port, step, Kind.NEEDS_OPERATOR, jedis -> master.isPresent()
        ? jedis.replicaof(master.get().host(), master.get().port()) : jedis.replicaofNoOne());
  }

  @Override
  public void failoverTo(int port, String host, int targetPort, int timeoutMs) throws AgentException {
    call(port, "FAILOVER TO " + host + " " + targetPort + " TIMEOUT " + timeoutMs, Kind.NEEDS_OPERATOR,
        jedis -> jedis.failover(FailoverParams.failoverParams().to(host, targetPort).timeout(timeoutMs)));
  }

  @Override
  public void clusterFailover(int port, String mode) throws AgentException {
    call(port, ("CLUSTER FAILOVER " + mode).strip(), Kind.NEEDS_OPERATOR, jedis -> mode.isEmpty()
        ? jedis.clusterFailover() : jedis.clusterFailover(ClusterFailoverOption.valueOf(mode)));
  }

  @Override
  public long electionsStarted(int port) throws AgentException {
    return call(port, "CLUSTER INFO", Kind.RETRYABLE, jedis -> jedis.clusterInfo().lines()
        .filter(l -> l.startsWith("cluster_stats_messages_auth-req_sent:"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0));
  }

  @Override
  public void aclLoad(int port) throws AgentException {
    call(port, "ACL LOAD", Kind.INVALID_REQUEST, Jedis::aclLoad);
  }

  @Override
  public List<String> aclPasswordHashes(int port, String user) throws AgentException {
    return call(port, "ACL GETUSER " + user, Kind.RETRYABLE, jedis -> {
      var found = jedis.aclGetUser(user);
      return found == null ? List.<String>of() : List.copyOf(found.getPasswords());
    });
  }

  @Override
  public void aclSetUser(int port, String user, List<String> rules) throws AgentException {
    // the rules carry passwords: the command named in errors is only "ACL SETUSER user"
    call(port, "ACL SETUSER " + user, Kind.INVALID_REQUEST, jedis -> jedis.aclSetUser(user, rules.toArray(String[]::new)));
  }

  @Override
  public Migration migrateSlots(int port, Address target, List<Integer> slots, int batchKeys, int timeoutMs)
      throws AgentException {
    // Nodes of one cluster share credentials and CA: the source's login and certificate open the target too.
    Optional<Credentials> login = workingLogin(port);
    JedisClientConfig config = client(port, timeoutMs + 5000, login);
    return new JedisSlotMigrator(port, config, config, login)
        .migrate(target, slots, batchKeys, timeoutMs);
  }

  @Override
  public long dbSize(int port) throws AgentException {
    return call(port, "DBSIZE", Kind.RETRYABLE, Jedis::dbSize);
  }

  /** Runs one call; refusedKind classifies an error reply from Redis (other than LOADING). */
  private <T> T call(int port, String step, Kind refusedKind, Call<T> body) throws AgentException {
    try (Jedis jedis = open(port, 5000)) {
      return body.run(jedis);
    } catch (JedisConnectionException e) {
      throw new AgentException(Kind.RETRYABLE, "node " + port + ": " + step + ": cannot reach 127.0.0.1:" + port
          + ": " + e.getMessage(), e);
    } catch (JedisDataException e) {
      String msg = String.valueOf(e.getMessage());
      Kind kind = msg.startsWith("LOADING") || msg.contains("Unknown node") ? Kind.RETRYABLE : refusedKind;
      throw new AgentException(kind, "node " + port + ": " + step + ": redis replied " + msg, e);
    } catch (JedisException e) {
      throw new AgentException(Kind.FATAL, "node " + port + ": " + step + ": " + e.getMessage(), e);
    }
  }
}
