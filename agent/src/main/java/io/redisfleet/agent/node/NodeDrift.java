package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceStatus;
import io.redisfleet.agent.service.ServiceManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drift the agent sees by itself, without the inventory: a managed node (its conf present, its
 * unit enabled under systemd) whose process does not run, a conf edited since the last ApplyNode
 * wrote it, a running config that differs from the conf (the same comparison ApplyNode makes,
 * {@link RunningDrift}). Whether the fleet matches the inventory is the controller's to say; it
 * reports its last plan to each agent (ReportPlan).
 */
public final class NodeDrift {

  /** Why a node drifted; {@link #label} is the metric's {@code reason} label. */
  public enum Reason {
    NOT_RUNNING("not_running"), CONF_EDITED("conf_edited"), RUNNING_CONFIG("running_config");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One managed node and the drift found on it (empty: none). */
  public record Finding(int port, Set<Reason> reasons) {
    public Finding {
      reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reasons));
    }
  }

  private final AgentConfig config;
  private final ServiceManager services;
  private final RunningDrift running;
  private final AppliedConf applied;

  public NodeDrift(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.running = new RunningDrift(redis);
    this.applied = new AppliedConf(config);
  }

  public List<Finding> find() throws AgentException {
    List<Finding> out = new ArrayList<>();
    for (int port : ManagedPorts.list(config.confDir())) {
      NodeLayout node = config.node(port);
      Optional<String> conf = NodeFiles.read(node, node.confFile());
      if (conf.isEmpty()) {
        continue; // removed since the listing
      }
      Set<Reason> reasons = EnumSet.noneOf(Reason.class);
      ServiceStatus status = services.status(node);
      if (!status.running()) {
        reasons.add(Reason.NOT_RUNNING);
      }
      if (applied.editedSince(node, conf.get())) {
        reasons.add(Reason.CONF_EDITED);
      }
      if (status.running() && !running.againstConf(port, conf.get()).isEmpty()) {
        reasons.add(Reason.RUNNING_CONFIG);
      }
      out.add(new Finding(port, reasons));
    }
    return out;
  }
}
