package io.redisfleet.controller.inventory;

import io.redisfleet.controller.model.Inventory;
import java.util.List;

/**
 * The result of reading an inventory, which writes nothing. When {@code toIssue} is not empty
 * (only under custody ISSUE), the TLS blocks that need those certificates are left out of
 * {@code inventory}: the issuing command issues them and reads again (see app/IssuingLoader).
 *
 * @param inventory the validated model
 * @param warnings what is not an error but should be said
 * @param toIssue Redis certificates to issue before the inventory is complete, one per directory
 */
public record InventoryRead(Inventory inventory, List<InventoryError> warnings, List<CertificateToIssue> toIssue) {

  public InventoryRead {
    warnings = List.copyOf(warnings);
    toIssue = List.copyOf(toIssue);
  }

  public boolean complete() {
    return toIssue.isEmpty();
  }
}
