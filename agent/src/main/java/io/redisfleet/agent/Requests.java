package io.redisfleet.agent;

import io.redisfleet.agent.redis.Address;
import io.redisfleet.agent.redis.Slots;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.ConfRenderer;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.SlotRange;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of request fields at the gRPC edge; each failure names the field and the value. */
final class Requests {

  private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
  private static final Set<String> FAILOVER_MODES = Set.of("", "FORCE", "TAKEOVER");

  private Requests() {}

  /** Below it are privileged ports (ssh, http...): no node runs there, so none is written, started or probed. */
  static final int MIN_PORT = 1024;

  static int port(int port) throws AgentException {
    if (port < MIN_PORT || port > io.redisfleet.contract.Ports.MAX_CLUSTER) {
      throw invalid("port " + port + " out of range " + MIN_PORT + ".." + io.redisfleet.contract.Ports.MAX_CLUSTER + " (no node on a privileged port; "
          + "bus port = port + 10000)");
    }
    return port;
  }

  static void ports(List<Integer> ports) throws AgentException {
    for (int p : ports) {
      port(p);
    }
  }

  static NodeSpec spec(NodeSpec spec) throws AgentException {
    port(spec.getPort());
    ConfRenderer.validate(spec);
    return spec;
  }

  /** A request's address, checked, as the agent's model. */
  static Address endpoint(int port, String field, Endpoint e) throws AgentException {
    if (!HOST.matcher(e.getHost()).matches() || e.getHost().contains("..") || e.getHost().startsWith(".")) {
      throw invalid("node " + port + ": " + field + ".host '" + visible(e.getHost()) + "' is not an address");
    }
    if (!io.redisfleet.contract.Ports.valid(e.getPort())) {
      throw invalid("node " + port + ": " + field + ".port " + e.getPort() + " out of range 1.." + io.redisfleet.contract.Ports.MAX);
    }
    return new Address(e.getHost(), e.getPort());
  }

  /** A request's slot ranges, checked, as the agent's model. */
  static List<Slots> slotRanges(int port, List<SlotRange> ranges) throws AgentException {
    if (ranges.isEmpty()) {
      throw invalid("node " + port + ": no slot ranges given");
    }
    for (SlotRange r : ranges) {
      if (r.getStart() < 0 || r.getEnd() > 16383 || r.getStart() > r.getEnd()) {
        throw invalid("node " + port + ": slot range " + r.getStart() + "-" + r.getEnd() + " not within 0..16383");
      }
    }
    return ranges.stream().map(r -> new Slots(r.getStart(), r.getEnd())).toList();
  }

  /** A MigrateSlots batch size and MIGRATE timeout (0 means the default). */
  static void migrateLimits(int port, int batchKeys, int timeoutMs) throws AgentException {
    if (batchKeys < 0 || batchKeys > 100_000) {
      throw invalid("node " + port + ": MigrateSlots: batch_keys " + batchKeys + " out of range 0..100000");
    }
    if (timeoutMs < 0 || timeoutMs > 600_000) {
      throw invalid("node " + port + ": MigrateSlots: timeout_ms " + timeoutMs + " out of range 0..600000");
    }
  }

  static String nodeId(int port, String id) throws AgentException {
    if (!NODE_ID.matcher(id).matches()) {
      throw invalid("node " + port + ": master_id '" + visible(id) + "' is not a 40-hex-digit node id");
    }
    return id;
  }

  static String failoverMode(int port, String mode) throws AgentException {
    if (!FAILOVER_MODES.contains(mode)) {
      throw invalid("node " + port + ": failover mode '" + visible(mode) + "' must be empty, FORCE or TAKEOVER");
    }
    return mode;
  }

  static long epoch(int port, long epoch) throws AgentException {
    if (epoch < 0) {
      throw invalid("node " + port + ": config epoch " + epoch + " is negative");
    }
    return epoch;
  }

  /** A request value as it may appear in a message: control characters escaped, at most 64 shown. */
  private static String visible(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
        : String.format("\\u%04x", c)));
    return value.length() > 64 ? out + "..." : out.toString();
  }

  static AgentException invalid(String message) {
    return new AgentException(Kind.INVALID_REQUEST, message);
  }
}
