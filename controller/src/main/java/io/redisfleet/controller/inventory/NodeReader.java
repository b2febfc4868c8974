package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a node: {@code "h1:7000"} or {@code { node = "h1:7000", redis { ... } }}, with where it
 * was declared for the checks across the whole inventory (InventoryValidator).
 */
final class NodeReader {

  /** Every node's port is at most this: the agent refuses higher ones (a cluster node's bus is port + 10000). */
  static final int MAX_CLUSTER_PORT = io.redisfleet.contract.Ports.MAX_CLUSTER;
  /** Ports below this are privileged (ssh, http...); the agent refuses to run a node on one. */
  static final int MIN_PORT = 1024;

  private final Values values;
  private final DirectiveReader directives;
  private final Set<String> hostNames;
  private final Set<String> goneHosts;

  NodeReader(Values values, Set<String> hostNames) {
    this(values, hostNames, Set.of());
  }

  /** @param goneHosts hosts declared {@code state = gone}: no node may be declared on them */
  NodeReader(Values values, Set<String> hostNames, Set<String> goneHosts) {
    this.goneHosts = Set.copyOf(goneHosts);
    this.values = values;
    this.directives = new DirectiveReader(values);
    this.hostNames = hostNames;
  }

  /**
   * @param owner e.g. "clusters.main"
   * @param inherited the directives of the layers above the node
   */
  Optional<Declared> read(ConfigValue value, String owner, boolean cluster, List<Directive> inherited) {
    if (value.valueType() == ConfigValueType.STRING) {
      return ref(value, owner, cluster)
          .map(r -> declared(new NodeDecl(r, inherited), value, owner, cluster));
    }
    String example = "{ node = \"h1:7000\", redis { maxmemory = 100mb } }";
    if (value.valueType() != ConfigValueType.OBJECT) {
      values.problems().at(value, "a node of " + owner + " must be \"host:port\" or " + example
          + ", not " + Values.describe(value));
      return Optional.empty();
    }
    ConfigObject o = (ConfigObject) value;
    Keys.check(o, Keys.NODE, "in a node of " + owner, values.problems());
    List<Directive> own = directives.read(Optional.ofNullable(o.get("redis")), "a node of " + owner);
    if (o.get("node") == null) {
      values.problems().at(o, "a node of " + owner + " has no node; write " + example);
      return Optional.empty();
    }
    return ref(o.get("node"), owner, cluster).map(r -> declared(
        new NodeDecl(r, EffectiveDirectives.merge(inherited, own)), o.get("node"), owner, cluster));
  }

  private Declared declared(NodeDecl decl, ConfigValue at, String owner, boolean cluster) {
    return new Declared(decl, cluster, owner, values.problems().locate(at));
  }

  private Optional<NodeRef> ref(ConfigValue value, String owner, boolean cluster) {
    Optional<String> text = values.string(value, "a node of " + owner);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String node = text.get();
    int colon = node.lastIndexOf(':');
    Optional<Long> port = colon < 0 ? Optional.empty() : Text.parseLong(node.substring(colon + 1));
    if (colon <= 0 || port.isEmpty()) {
      values.problems().at(value, "node \"" + node + "\" in " + owner + " must be written "
          + "host:port, e.g. \"h1:7000\"");
      return Optional.empty();
    }
    String host = node.substring(0, colon);
    int max = MAX_CLUSTER_PORT;
    boolean ok = true;
    if (port.get() < MIN_PORT || port.get() > max) {
      values.problems().at(value, "port " + port.get() + " of node \"" + node + "\" in " + owner
          + " must be " + MIN_PORT + ".." + max + " (the agent runs no node on a privileged port"
          + (cluster ? ", and a cluster node also uses port + 10000 for the cluster bus)" : ")"));
      ok = false;
    }
    if (!hostNames.contains(host)) {
      String hint = Suggest.closest(host, hostNames).map(h -> " (did you mean \"" + h + "\"?)")
          .orElse(hostNames.isEmpty() ? "" : " (declared: " + String.join(", ", sorted()) + ")");
      values.problems().at(value, "node \"" + node + "\" in " + owner + " is on unknown host \""
          + host + "\"; declare it under hosts" + hint);
      ok = false;
    }
    if (goneHosts.contains(host)) {
      values.problems().at(value, "node \"" + node + "\" in " + owner + " is on host \"" + host + "\", which is"
          + " declared gone (state = gone): remove it from " + owner + " (apply makes the cluster forget the"
          + " nodes of a gone host), or declare a replacement node on another host");
      ok = false;
    }
    return ok ? Optional.of(new NodeRef(host, port.get().intValue())) : Optional.empty();
  }

  private List<String> sorted() {
    return hostNames.stream().sorted().toList();
  }

  /** A node, what it belongs to (e.g. "clusters.main") and where it was declared. */
  record Declared(NodeDecl decl, boolean cluster, String owner, Location location) {

    NodeRef ref() {
      return decl.ref();
    }
  }
}
