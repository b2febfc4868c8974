package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.conf.ConfRenderer;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.FileGroup;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.service.ServiceStatus;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ChangeReason;
import io.redisfleet.agent.v1.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * ApplyNode: create if absent, update if different, else nothing. Live-settable differences go
 * to the running node by CONFIG SET before the new conf is written, so a refused value leaves
 * the old conf in place and the next apply tries again; any other difference restarts the node.
 */
public final class NodeApplier {

  private final AgentConfig config;
  private final ServiceManager services;
  private final RedisAdmin redis;
  private final NodeStarter starter;
  private final FileGroup readers;

  public NodeApplier(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.redis = redis;
    this.starter = new NodeStarter(services, redis);
    this.readers = FileGroup.of(services.confReaderGroup());
  }

  public ApplyNodeResponse apply(NodeSpec spec, boolean dryRun) throws AgentException {
    NodeLayout node = config.node(spec.getPort());
    String rendered = ConfRenderer.render(spec, node, services.confLines(node), config.hostAddress());
    Optional<String> existing = readConf(node);
    ServiceStatus status = services.status(node);
    ApplyNodeResponse.Builder out = ApplyNodeResponse.newBuilder().setPort(node.port()).setPid(status.pid());
    if (existing.isEmpty()) {
      out.setChanged(true).addReasons(ChangeReason.CONF_CREATED).setDetail("conf created, started");
      return dryRun ? out.build() : start(node, spec, rendered, out);
    }
    ConfDiff diff = ConfDiff.between(existing.get(), rendered);
    out.addAllChangedDirectives(diff.names());
    if (diff.isEmpty() && status.running()) {
      return out.setDetail("unchanged").build();
    }
    out.setChanged(true);
    if (!status.running()) {
      if (!diff.isEmpty()) {
        out.addReasons(ChangeReason.CONF_CHANGED_RESTART);
      }
      out.addReasons(ChangeReason.NOT_RUNNING).setDetail("started");
      return dryRun ? out.build() : start(node, spec, rendered, out);
    }
    if (diff.allLive()) {
      out.addReasons(ChangeReason.CONF_CHANGED_LIVE).setDetail("CONFIG SET " + String.join(" ", diff.names()));
      if (!dryRun) {
        for (ConfDiff.Change change : diff.changes()) {
          redis.configSet(node.port(), change.name(), change.configSetValue());
        }
        write(node, rendered);
      }
      return out.build();
    }
    out.addReasons(ChangeReason.CONF_CHANGED_RESTART).setRestarted(true)
        .setDetail("restarted for " + String.join(" ", diff.names()));
    if (dryRun) {
      return out.build();
    }
    write(node, rendered);
    starter.restart(node);
    return out.setPid(services.status(node).pid()).build();
  }

  private ApplyNodeResponse start(NodeLayout node, NodeSpec spec, String rendered, ApplyNodeResponse.Builder out)
      throws AgentException {
    try {
      AtomicFiles.createDirectories(config.dataRoot(), node.dataDir(), readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": create " + node.dataDir() + ": " + e, e);
    }
    write(node, rendered);
    starter.start(node, spec.getClusterEnabled())
        .ifPresent(takenOver -> out.setDetail(out.getDetail() + "; " + takenOver));
    return out.setPid(services.status(node).pid()).build();
  }

  private void write(NodeLayout node, String rendered) throws AgentException {
    try {
      AtomicFiles.write(config.confDir(), node.confFile(), rendered, readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": write " + node.confFile() + ": " + e, e);
    }
  }

  private static Optional<String> readConf(NodeLayout node) throws AgentException {
    try {
      return Files.exists(node.confFile()) ? Optional.of(Files.readString(node.confFile())) : Optional.empty();
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": read " + node.confFile() + ": " + e, e);
    }
  }
}
