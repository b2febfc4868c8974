package io.redisfleet.controller.cli;

import io.redisfleet.controller.inventory.InvalidInventoryException;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.pki.CertificateCustody;
import io.redisfleet.controller.report.Json;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Parse and validate the inventory; contacts no host.",
    footer = {"", "Examples:",
        "  controller validate inventory/local.conf",
        "  controller validate fleet.conf --json",
        "", "Exit: 0 valid, 1 invalid (FILE:LINE: message)."})
final class ValidateCommand implements Callable<Integer> {

  @Mixin
  InventoryOption inventory;

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!json) {
      Inventory loaded = inventory.loadOrReport(spec.commandLine().getErr());
      if (loaded == null) {
        return ExitCodes.FAILED;
      }
      spec.commandLine().getOut().printf("%s: valid (%d hosts, %d nodes)%n", inventory.file,
          loaded.hosts().size(), loaded.desiredNodes().size());
      return ExitCodes.OK;
    }
    try {
      InventoryOption.Checked checked = inventory.check(CertificateCustody.READ_ONLY);
      List<String> topology = new java.util.ArrayList<>(checked.warnings().stream().map(Object::toString).toList());
      checked.findings().forEach(f -> topology.add(f.toString()));
      boolean valid = !inventory.strict || checked.clean();
      spec.commandLine().getOut().println(Json.validate(inventory.file.toString(),
          valid ? Optional.of(checked.inventory()) : Optional.empty(), List.of(), topology));
      return valid ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (InvalidInventoryException e) {
      spec.commandLine().getOut().println(Json.validate(inventory.file.toString(), Optional.empty(), e.errors(),
          List.of()));
      return ExitCodes.FAILED;
    }
  }
}
