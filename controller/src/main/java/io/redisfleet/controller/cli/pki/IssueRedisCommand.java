package io.redisfleet.controller.cli.pki;

import io.redisfleet.controller.inventory.InvalidInventoryException;
import io.redisfleet.controller.app.IssuingLoader;
import io.redisfleet.controller.model.Inventory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code controller pki issue redis FILE}: the explicit issuing step for TLS clusters and groups.
 * Issues (or renews, within 30 days of expiry) every Redis node certificate the inventory's TLS
 * clusters and groups need, and the Redis client certificate, into its {@code controller.pki-dir}.
 * Run it where ca.key lives; every other command then only reads the certificates, so ca.key can
 * stay off the machine that runs plan and apply. Contacts no host.
 */
@Command(name = "redis", mixinStandardHelpOptions = true,
    description = "Issue the Redis node and client certificates an inventory's TLS clusters and groups need "
        + "(into its controller.pki-dir); contacts no host.")
public final class IssueRedisCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the inventory (HOCON)")
  Path file;

  @Override
  public Integer call() {
    try {
      Inventory inventory = IssuingLoader.load(file).inventory();
      long tls = inventory.clusters().stream().filter(c -> c.tls().isPresent()).count()
          + inventory.replication().stream().filter(g -> g.tls().isPresent()).count();
      spec.commandLine().getOut().println(tls == 0 ? file + ": no TLS cluster or group; nothing to issue"
          : file + ": Redis certificates of " + tls + " TLS cluster(s)/group(s) are in place");
      return 0;
    } catch (InvalidInventoryException e) {
      e.errors().forEach(x -> spec.commandLine().getErr().println(x));
      return 1;
    }
  }
}
