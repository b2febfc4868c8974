package io.redisfleet.controller.report;

import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import java.util.Optional;

/**
 * A replica reports its master as Redis knows it ({@code 127.0.0.1:7000}); status shows it in the
 * inventory's words ({@code local:7000}), as docs/json.md promises ("host:port"). The inventory
 * gives each host its own address (validated), so the address names one host; an address of no
 * inventory host (a master outside the fleet) stays as Redis said it.
 */
final class MasterName {

  private MasterName() {}

  static Optional<String> of(Inventory inventory, Optional<String> reported) {
    return reported.map(address -> named(inventory, address));
  }

  private static String named(Inventory inventory, String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return address;
    }
    String ip = address.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      return address;
    }
    return inventory.hosts().values().stream().filter(h -> h.address().equals(ip)).map(Host::name).findFirst()
        .map(host -> host + ":" + port).orElse(address);
  }
}
