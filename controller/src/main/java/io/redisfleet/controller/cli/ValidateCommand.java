package io.redisfleet.controller.cli;

import io.redisfleet.controller.model.Inventory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Parse and validate the inventory; contacts no host.",
    footer = {"", "Example: controller validate inventory/local.conf", "Exit: 0 valid, 1 invalid (FILE:LINE: message)."})
final class ValidateCommand implements Callable<Integer> {

  @Mixin
  InventoryOption inventory;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Inventory loaded = inventory.loadOrReport(spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCodes.FAILED;
    }
    spec.commandLine().getOut().printf("%s: valid (%d hosts, %d nodes)%n", inventory.file,
        loaded.hosts().size(), loaded.desiredNodes().size());
    return ExitCodes.OK;
  }
}
