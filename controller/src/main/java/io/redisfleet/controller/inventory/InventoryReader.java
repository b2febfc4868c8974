package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ReplicationGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the resolved root object into the model, section by section, reporting every problem. */
final class InventoryReader {

  private final Problems problems;
  private final Path inventoryDir;
  private final Map<String, String> env;
  private final io.redisfleet.controller.pki.CertificateCustody custody;
  private Values values;
  private InventoryPaths paths;
  private List<CertificateToIssue> toIssue = List.of();

  InventoryReader(Problems problems, Path inventoryDir, Map<String, String> env,
      io.redisfleet.controller.pki.CertificateCustody custody) {
    this.custody = custody;
    this.problems = problems;
    this.inventoryDir = inventoryDir;
    this.env = env;
  }

  /** After {@link #read}: the Redis certificates it found missing (custody ISSUE only); their TLS blocks are left out. */
  List<CertificateToIssue> toIssue() {
    return toIssue;
  }

  /** The inventory; meaningful only if no problem was reported. */
  Inventory read(ConfigObject root, String source) {
    Keys.check(root, Keys.TOP, "at the top level", problems);
    // first: every directive read below is checked against these names
    values = new Values(problems, new DirectiveNames(unchecked(root.get("unchecked-directives"))));
    paths = new InventoryPaths(values, inventoryDir, env);
    List<Directive> defaults = EffectiveDirectives.merge(EffectiveDirectives.BUILT_IN,
        defaults(root.get("defaults")));

    Map<String, Host> hosts = new LinkedHashMap<>();
    Map<String, Host> gone = new LinkedHashMap<>();
    Map<String, Location> hostPlaces = new LinkedHashMap<>();
    Optional<ConfigObject> hostsObject = section(root, "hosts", "{ h1 { address = \"10.0.0.1\" } }");
    HostReader hostReader = new HostReader(values, paths);
    hostsObject.ifPresent(o -> Keys.sorted(o).forEach(name -> {
      ConfigValue host = o.get(name);
      hostPlaces.put(name, problems.locate(host instanceof ConfigObject h && h.get("address") != null
          ? h.get("address") : host));
      boolean isGone = hostReader.gone(name, host);
      hostReader.read(name, host).ifPresent(h -> (isGone ? gone : hosts).put(name, h));
    }));

    Set<String> hostNames = hostsObject.map(o -> (Set<String>) o.keySet()).orElse(Set.of());
    NodeReader nodes = new NodeReader(values, hostNames, gone.keySet());
    List<NodeReader.Declared> declared = new ArrayList<>();
    List<ClusterSpec> clusters = new ArrayList<>();
    AuthReader auth = new AuthReader(values, new SecretReader(values, paths, paths.env()));
    ControllerReader.Settings controller = new ControllerReader(values, paths)
        .read(root.get("controller"));
    TlsReader tls = new TlsReader(values, hosts, controller.pkiDir().map(java.nio.file.Path::of),
        controller.pkiDirAt(), custody);
    ClusterReader clusterReader = new ClusterReader(values, nodes, declared, auth, tls);
    section(root, "clusters", "{ main { replicas = 1, nodes = [ ... ] } }").ifPresent(o ->
        Keys.sorted(o).forEach(name ->
            clusterReader.read(name, o.get(name), defaults).ifPresent(c -> {
              clusters.add(c);
              Exposure.check(o.get(name), "cluster " + name, c.auth().isPresent() || c.tls().isPresent(),
                  c.nodes(), hosts, problems);
            })));
    List<ReplicationGroup> groups = new ArrayList<>();
    ReplicationReader groupReader = new ReplicationReader(values, nodes, declared, auth, tls);
    section(root, "replication", "{ cache { master = \"h1:6379\", replicas = [ \"h1:6378\" ] } }")
        .ifPresent(o -> Keys.sorted(o).forEach(name ->
            groupReader.read(name, o.get(name), defaults).ifPresent(g -> {
              groups.add(g);
              List<io.redisfleet.controller.model.NodeDecl> members = new ArrayList<>(g.replicas());
              members.add(0, g.master());
              Exposure.check(o.get(name), "replication group " + name, g.auth().isPresent() || g.tls().isPresent(),
                  members, hosts, problems);
            })));

    new InventoryValidator(problems).validate(hosts, hostPlaces, declared);
    toIssue = tls.toIssue();
    return new Inventory(source, hosts, clusters, groups, controller.timeouts(),
        controller.tlsDir(), gone, new EngineReader(values).read(root));
  }

  /** {@code unchecked-directives = [ "name", ... ]}: names accepted without checking them. */
  private Set<String> unchecked(ConfigValue value) {
    Values plain = new Values(problems);
    Set<String> names = new java.util.TreeSet<>();
    Optional.ofNullable(value).flatMap(v -> plain.list(v, "unchecked-directives", "[ \"my-directive\" ]"))
        .ifPresent(list -> list.forEach(element -> plain.string(element, "an entry of unchecked-directives")
            .ifPresent(name -> {
              if (DirectiveReader.isName(name)) {
                names.add(name);
              } else {
                problems.at(element, "unchecked-directives: \"" + Text.printable(name) + "\" is not a "
                    + "redis.conf directive name: names are lowercase letters, digits and '-'");
              }
            })));
    return names;
  }

  private List<Directive> defaults(ConfigValue value) {
    Optional<ConfigObject> object = value == null ? Optional.empty()
        : values.object(value, "defaults", "{ redis { appendonly = yes } }");
    object.ifPresent(o -> Keys.check(o, Keys.DEFAULTS, "in defaults", values.problems()));
    return new DirectiveReader(values)
        .read(object.flatMap(o -> Optional.ofNullable(o.get("redis"))), "defaults.redis");
  }

  private Optional<ConfigObject> section(ConfigObject root, String key, String example) {
    ConfigValue value = root.get(key);
    return value == null ? Optional.empty() : values.object(value, key, example);
  }
}
