package io.redisfleet.agent.host;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.v1.FixSysctlResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * FixSysctl: sets the two sysctls Redis needs, live (the /proc/sys file) and persistently (a
 * drop-in in /etc/sysctl.d read at boot). Only these fixed names and values, never anything
 * from the request but the backlog number; only raises somaxconn, never lowers it.
 */
public final class SysctlFixer {

  static final String DROP_IN = "etc/sysctl.d/90-redis-fleet.conf";

  private final SystemRoot root;

  public SysctlFixer(SystemRoot root) {
    this.root = root;
  }

  public FixSysctlResponse fix(int tcpBacklog) throws AgentException {
    int backlog = tcpBacklog > 0 ? tcpBacklog : 511;
    if (backlog > 65535) {
      throw new AgentException(Kind.INVALID_REQUEST, "FixSysctl: tcp_backlog " + backlog + " above 65535");
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("vm.overcommit_memory", "1");
    long somaxconn = current("net.core.somaxconn").map(HostChecker::parse).orElse(-1L);
    wanted.put("net.core.somaxconn", Long.toString(Math.max(somaxconn, backlog)));
    FixSysctlResponse.Builder out = FixSysctlResponse.newBuilder().setFile("/" + DROP_IN);
    StringBuilder dropIn = new StringBuilder("# Written by redis-fleet-agent (controller preflight --fix-sysctl)\n");
    try {
      for (var e : wanted.entrySet()) {
        dropIn.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        if (!current(e.getKey()).orElse("").equals(e.getValue())) {
          root.write(SystemRoot.sysctlPath(e.getKey()), e.getValue() + "\n");
          out.setChanged(true).addApplied(e.getKey() + " = " + e.getValue());
        }
      }
      if (!root.read(DROP_IN).orElse("").equals(dropIn.toString().strip())) {
        java.nio.file.Files.createDirectories(root.resolve(DROP_IN).getParent());
        root.write(DROP_IN, dropIn.toString());
        out.setChanged(true);
      }
    } catch (IOException e) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "FixSysctl: " + e.getMessage()
          + " (the agent needs root to change kernel settings)", e);
    }
    return out.build();
  }

  private Optional<String> current(String name) throws AgentException {
    try {
      return root.read(SystemRoot.sysctlPath(name));
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "FixSysctl: read " + name + ": " + e.getMessage(), e);
    }
  }
}
