package io.redisfleet.agent.host;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.service.RedisBinary;
import io.redisfleet.agent.v1.CheckHostRequest;
import io.redisfleet.agent.v1.HostCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * CheckHost: the settings Redis's own startup warnings and its admin guide ask for, each as a
 * finding with the observed value, what is needed and the fix. Reads only.
 */
public final class HostChecker {

  static final String THP = "sys/kernel/mm/transparent_hugepage/enabled";
  private static final long GIB = 1L << 30;

  private final AgentConfig config;
  private final SystemRoot root;
  private final Function<Path, String> versionOf;

  public HostChecker(AgentConfig config, SystemRoot root, Function<Path, String> versionOf) {
    this.config = config;
    this.root = root;
    this.versionOf = versionOf;
  }

  public List<HostCheck> check(CheckHostRequest req) {
    int backlog = req.getTcpBacklog() > 0 ? req.getTcpBacklog() : 511;
    long freeNeeded = req.getMinFreeBytes() > 0 ? req.getMinFreeBytes() : GIB;
    long filesNeeded = req.getMinOpenFiles() > 0 ? req.getMinOpenFiles() : 10_032;
    List<HostCheck> out = new ArrayList<>();
    out.add(overcommit());
    out.add(transparentHugePages());
    out.add(somaxconn(backlog));
    out.add(HostLimits.openFiles(root, filesNeeded));
    out.add(HostLimits.freeDisk(config.dataRoot(), freeNeeded));
    out.add(redisServer());
    return out;
  }

  private HostCheck overcommit() {
    String name = "vm.overcommit_memory";
    Optional<String> v = read(SystemRoot.sysctlPath(name));
    return v.map(x -> x.equals("1") ? Findings.ok(name, x, "1")
            : Findings.sysctl(name, x, "1", "background saves and AOF rewrites may fail under memory pressure"))
        .orElseGet(() -> Findings.unknown(name));
  }

  private HostCheck transparentHugePages() {
    String name = "transparent_hugepage";
    Optional<String> v = read(THP);
    if (v.isEmpty()) {
      return Findings.ok(name, "not present", "never or madvise");
    }
    boolean always = v.get().contains("[always]");
    return always
        ? Findings.thp(v.get(), "never or madvise")
        : Findings.ok(name, v.get(), "never or madvise");
  }

  private HostCheck somaxconn(int backlog) {
    String name = "net.core.somaxconn";
    Optional<String> v = read(SystemRoot.sysctlPath(name));
    if (v.isEmpty()) {
      return Findings.unknown(name);
    }
    long value = parse(v.get());
    return value >= backlog ? Findings.ok(name, v.get(), ">= " + backlog)
        : Findings.sysctl(name, v.get(), ">= " + backlog, "tcp-backlog " + backlog + " is capped by the kernel");
  }

  private HostCheck redisServer() {
    Optional<Path> binary = RedisBinary.find(config);
    if (binary.isEmpty()) {
      return Findings.error("redis-server", "not found", ">= 6.0", "apt-get install redis-server (or valkey-server)");
    }
    String version = versionOf.apply(binary.get());
    // Redis 6.0 is the oldest redis-fleet drives (Debian 11, Ubuntu 22.04): ACLs, TLS, ADDSLOTS
    boolean ok = !version.isEmpty() && io.redisfleet.agent.server.ServerVersion.atLeast(version, 6, 0);
    return ok ? Findings.ok("redis-server", binary.get() + " " + version, ">= 6.0")
        : Findings.error("redis-server", binary.get() + " " + (version.isEmpty() ? "(version unknown)" : version),
            ">= 6.0", "install redis-server 6.0 or later, or valkey-server");
  }

  private Optional<String> read(String relative) {
    try {
      return root.read(relative);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static long parse(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

}
