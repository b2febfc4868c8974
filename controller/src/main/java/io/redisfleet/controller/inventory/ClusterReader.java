package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.RedisAuth;
import io.redisfleet.controller.model.RedisTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one {@code clusters.NAME { replicas = 1, redis { ... }, nodes = [ ... ] }}. */
final class ClusterReader {

  /** Redis Cluster refuses to create a cluster with fewer masters. */
  static final int MIN_MASTERS = 3;

  private final Values values;
  private final NodeReader nodes;
  private final List<NodeReader.Declared> declared;

  private final AuthReader auth;

  private final TlsReader tls;

  ClusterReader(Values values, NodeReader nodes, List<NodeReader.Declared> declared, AuthReader auth, TlsReader tls) {
    this.auth = auth;
    this.tls = tls;
    this.values = values;
    this.nodes = nodes;
    this.declared = declared;
  }

  /** @param defaults the directives every node gets before the cluster's own */
  Optional<ClusterSpec> read(String name, ConfigValue value, List<Directive> defaults) {
    String where = "clusters." + Text.printable(name);
    if (!Text.isName(name)) {
      values.problems().at(value, Text.badName("cluster", name));
    }
    Optional<ConfigObject> object = values.object(value, where,
        "{ replicas = 1, nodes = [ \"h1:7000\", ... ] }");
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ConfigObject o = object.get();
    Keys.check(o, Keys.CLUSTER, "in " + where, values.problems());
    Optional<Integer> replicas = o.get("replicas") == null ? Optional.of(0)
        : values.integer(o.get("replicas"), "replicas of " + where, 0, Integer.MAX_VALUE);
    List<Directive> inherited = EffectiveDirectives.merge(defaults,
        new DirectiveReader(values).read(Optional.ofNullable(o.get("redis")), where + ".redis"));
    if (o.get("nodes") == null) {
      values.problems().at(o, where + " has no nodes; add nodes = [ \"host:port\", ... ] with at "
          + "least " + MIN_MASTERS + " times (replicas + 1) nodes");
      return Optional.empty();
    }
    Optional<ConfigList> list = values.list(o.get("nodes"), "nodes of " + where,
        "[ \"h1:7000\", \"h1:7001\", \"h1:7002\" ]");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    List<NodeDecl> decls = new ArrayList<>();
    for (ConfigValue node : list.get()) {
      nodes.read(node, where, true, inherited).ifPresent(d -> {
        declared.add(d);
        decls.add(d.decl());
      });
    }
    replicas.ifPresent(r -> checkShape(list.get(), r, where));
    Optional<RedisAuth> redisAuth = auth.read(o.get("auth"), where);
    Optional<RedisTls> redisTls = tls.read(o.get("tls"), where, decls.stream().map(d -> d.ref().host()).toList());
    boolean restoreSpread = Optional.ofNullable(o.get("restore-spread"))
        .flatMap(v -> values.bool(v, "restore-spread of " + where)).orElse(true);
    return replicas.map(r -> new ClusterSpec(name, r, decls, redisAuth, redisTls, restoreSpread));
  }

  /** Masters with replicas + 1 nodes each, at least three of them. */
  private void checkShape(ConfigList list, int replicas, String where) {
    int count = list.size();
    int perShard = replicas + 1;
    if (count % perShard != 0) {
      values.problems().at(list, where + ": " + count + " nodes cannot be split into masters with "
          + replicas + " replica" + (replicas == 1 ? "" : "s") + " each; the node count must be a multiple of replicas + 1 = "
          + perShard);
    }
    int masters = count / perShard;
    if (masters < MIN_MASTERS) {
      values.problems().at(list, where + ": " + count + " nodes with replicas = " + replicas
          + " make " + masters + " master" + (masters == 1 ? "" : "s") + ", but a Redis Cluster "
          + "needs at least " + MIN_MASTERS + ": add nodes or lower replicas");
    }
  }
}
