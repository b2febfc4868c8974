package io.redisfleet.agent.host;

import io.redisfleet.agent.v1.HostCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The open-file limit and the free disk below the data root. */
final class HostLimits {

  private HostLimits() {}

  /**
   * The agent's own "Max open files" soft limit (proc/self/limits): nodes started by the process
   * backend inherit it; with systemd the unit's LimitNOFILE applies instead, so this is advice.
   */
  static HostCheck openFiles(SystemRoot root, long needed) {
    String name = "open-files";
    Optional<String> limits;
    try {
      limits = root.read("proc/self/limits");
    } catch (IOException e) {
      limits = Optional.empty();
    }
    Optional<String> soft = limits.flatMap(text -> text.lines().filter(l -> l.startsWith("Max open files"))
        .findFirst().map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0]));
    if (soft.isEmpty()) {
      return Findings.unknown(name);
    }
    long value = soft.get().equals("unlimited") ? Long.MAX_VALUE : HostChecker.parse(soft.get());
    return value >= needed ? Findings.ok(name, soft.get(), ">= " + needed)
        : Findings.warning(name, soft.get(), ">= " + needed, "raise the limit (LimitNOFILE=" + needed
            + " in the unit, or nofile in /etc/security/limits.conf); Redis lowers maxclients to fit");
  }

  /** Usable space on the file system holding the data root (its nearest existing ancestor). */
  static HostCheck freeDisk(Path dataRoot, long needed) {
    String name = "free-disk";
    Path p = dataRoot;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return Findings.unknown(name);
    }
    try {
      long free = Files.getFileStore(p).getUsableSpace();
      String observed = mib(free) + " free on " + p;
      return free >= needed ? Findings.ok(name, observed, ">= " + mib(needed))
          : Findings.error(name, observed, ">= " + mib(needed), "free space below " + dataRoot
              + " (RDB and AOF files need room for a full copy of the data)");
    } catch (IOException e) {
      return Findings.unknown(name);
    }
  }

  private static String mib(long bytes) {
    return bytes / (1 << 20) + " MiB";
  }
}
