package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.Host;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one {@code hosts.NAME { ... }} entry. */
final class HostReader {

  private static final Set<String> MODES = Set.of("embedded", "remote");
  private static final Set<String> STATES = Set.of("active", "gone");

  private final Values values;
  private final InventoryPaths paths;

  HostReader(Values values, InventoryPaths paths) {
    this.values = values;
    this.paths = paths;
  }

  /** The host, or empty when anything in it is wrong (each problem is reported). */
  Optional<Host> read(String name, ConfigValue value) {
    String where = "hosts." + Text.printable(name);
    if (!Text.isName(name)) {
      values.problems().at(value, Text.badName("host", name));
    }
    Optional<ConfigObject> object = values.object(value, where, "{ address = \"10.0.0.1\" }");
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ConfigObject o = object.get();
    Keys.check(o, Keys.HOST, "in " + where, values.problems());
    int errorsBefore = values.problems().count();
    Optional<String> address = address(o, where);
    AgentMode mode = Optional.ofNullable(o.get("agent")).flatMap(v -> mode(v, where))
        .orElse(AgentMode.REMOTE);
    int agentPort = Optional.ofNullable(o.get("agent-port"))
        .flatMap(v -> values.integer(v, "agent-port of " + where, 1, io.redisfleet.contract.Ports.MAX))
        .orElse(Host.DEFAULT_AGENT_PORT);
    Map<String, String> labels = new LabelReader(values).read(o.get("labels"), where);
    if (mode == AgentMode.EMBEDDED && address.isPresent() && !Addresses.isLoopback(address.get())) {
      values.problems().at(o.get("address"), where + " has agent = embedded but address \""
          + address.get() + "\" is not loopback; an embedded agent runs inside the controller on "
          + "this machine, so use 127.0.0.1 (or localhost), or set agent = remote");
    }
    Optional<String> stateDir = paths.stateDir(name, o.get("state-dir"), mode, where);
    if (values.problems().count() > errorsBefore || address.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Host(name, address.get(), agentPort, mode, labels, stateDir));
  }

  /**
   * {@code state = gone}: the host is lost for good (powered off, never coming back). Its agent
   * is never called; apply makes the clusters forget its nodes. Default {@code active}.
   */
  boolean gone(String name, ConfigValue value) {
    if (!(value instanceof ConfigObject o) || o.get("state") == null) {
      return false;
    }
    String where = "hosts." + Text.printable(name);
    Optional<String> text = values.string(o.get("state"), "state of " + where);
    if (text.isPresent() && !STATES.contains(text.get())) {
      values.problems().at(o.get("state"), "state of " + where + " is \"" + Text.printable(text.get())
          + "\" but must be active or gone" + Suggest.hint(text.get(), STATES));
      return false;
    }
    return text.map("gone"::equals).orElse(false);
  }

  private Optional<String> address(ConfigObject o, String where) {
    ConfigValue value = o.get("address");
    if (value == null) {
      values.problems().at(o, where + " has no address; add address = \"<IP address or host "
          + "name>\" (where its agent and nodes are reached)");
      return Optional.empty();
    }
    Optional<String> address = values.string(value, "address of " + where);
    Optional<String> problem = address.flatMap(Addresses::problem);
    problem.ifPresent(p -> values.problems().at(value, "address \"" + address.get() + "\" of "
        + where + " " + p));
    return problem.isPresent() ? Optional.empty() : address;
  }

  private Optional<AgentMode> mode(ConfigValue value, String where) {
    Optional<String> text = values.string(value, "agent of " + where);
    if (text.isPresent() && !MODES.contains(text.get())) {
      values.problems().at(value, "agent of " + where + " is \"" + text.get() + "\" but must be "
          + "embedded or remote" + Suggest.hint(text.get(), MODES));
      return Optional.empty();
    }
    return text.map(t -> t.equals("embedded") ? AgentMode.EMBEDDED : AgentMode.REMOTE);
  }
}
