package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.NodeDecl;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The insecure default: a cluster or group whose nodes listen on a network address with neither
 * an auth block nor TLS lets anyone who reaches that address read, write and reconfigure it
 * (protected-mode is off for such nodes). A warning; {@code --strict} makes it an error.
 */
final class Exposure {

  private Exposure() {}

  static void check(ConfigValue at, String what, boolean protectedByAuthOrTls, List<NodeDecl> nodes,
      Map<String, Host> hosts, Problems problems) {
    if (protectedByAuthOrTls) {
      return;
    }
    TreeSet<String> exposed = new TreeSet<>();
    for (NodeDecl n : nodes) {
      Host h = hosts.get(n.ref().host());
      if (h != null && !Addresses.isLoopback(h.address())) {
        exposed.add(h.address());
      }
    }
    if (!exposed.isEmpty()) {
      problems.warn(at, what + " is reachable on " + String.join(", ", exposed) + " with neither auth nor TLS: "
          + "anyone who reaches it can read, write and reconfigure it; add an auth block "
          + "(auth { password-file = \"...\" }) or tls { enabled = true }");
    }
  }
}
