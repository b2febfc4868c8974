package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.RedisAuth;
import io.redisfleet.controller.model.RedisTls;
import io.redisfleet.controller.model.ReplicationGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one {@code replication.NAME { master = "h1:6379", replicas = [ ... ], redis { ... } }}. */
final class ReplicationReader {

  private final Values values;
  private final NodeReader nodes;
  private final List<NodeReader.Declared> declared;

  private final AuthReader auth;

  private final TlsReader tls;

  ReplicationReader(Values values, NodeReader nodes, List<NodeReader.Declared> declared, AuthReader auth,
      TlsReader tls) {
    this.auth = auth;
    this.tls = tls;
    this.values = values;
    this.nodes = nodes;
    this.declared = declared;
  }

  Optional<ReplicationGroup> read(String name, ConfigValue value, List<Directive> defaults) {
    String where = "replication." + Text.printable(name);
    if (!Text.isName(name)) {
      values.problems().at(value, Text.badName("replication group", name));
    }
    Optional<ConfigObject> object = values.object(value, where,
        "{ master = \"h1:6379\", replicas = [ \"h1:6378\" ] }");
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ConfigObject o = object.get();
    Keys.check(o, Keys.GROUP, "in " + where, values.problems());
    List<Directive> inherited = EffectiveDirectives.merge(defaults,
        new DirectiveReader(values).read(Optional.ofNullable(o.get("redis")), where + ".redis"));
    Optional<NodeReader.Declared> master = master(o, where, inherited);
    Optional<List<ConfigValue>> list = o.get("replicas") == null ? Optional.of(List.of())
        : values.list(o.get("replicas"), "replicas of " + where, "[ \"h1:6378\" ]")
            .<List<ConfigValue>>map(l -> l);
    List<NodeDecl> replicas = new ArrayList<>();
    for (ConfigValue node : list.orElse(List.of())) {
      nodes.read(node, where, false, inherited).ifPresent(r -> {
        if (master.isPresent() && master.get().ref().equals(r.ref())) {
          values.problems().at(r.location(), where + ": \"" + r.ref() + "\" is both the master and "
              + "a replica; a node cannot replicate from itself: give the replica another port");
        } else {
          declared.add(r);
          replicas.add(r.decl());
        }
      });
    }
    Optional<RedisAuth> redisAuth = auth.read(o.get("auth"), where);
    List<String> nodeHosts = new java.util.ArrayList<>(replicas.stream().map(r -> r.ref().host()).toList());
    master.ifPresent(m -> nodeHosts.add(m.ref().host()));
    Optional<RedisTls> redisTls = tls.read(o.get("tls"), where, nodeHosts);
    return master.isPresent() && list.isPresent()
        ? Optional.of(new ReplicationGroup(name, master.get().decl(), replicas, redisAuth, redisTls))
        : Optional.empty();
  }

  private Optional<NodeReader.Declared> master(ConfigObject o, String where,
      List<Directive> inherited) {
    if (o.get("master") == null) {
      values.problems().at(o, where + " has no master; add master = \"host:port\"");
      return Optional.empty();
    }
    Optional<NodeReader.Declared> master = nodes.read(o.get("master"), where, false, inherited);
    master.ifPresent(declared::add);
    return master;
  }
}
