package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.AuthRenderer;
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
import java.util.List;
import java.util.Optional;

/**
 * ApplyNode: create if absent, update if different, else nothing. Differences are judged against
 * the conf on disk and, for the live-settable directives the spec sets, the running config.
 * Every change is persisted first: the new conf is written atomically (the old one kept, see
 * {@link ConfHistory}) before the node is touched, so a conf that cannot be written changes
 * nothing live. Live-settable differences then go to the node in one CONFIG SET (all or none);
 * a refused one puts the old conf back. Any other difference restarts the node; a node that does
 * not come back with the new conf is started again with the old one.
 */
public final class NodeApplier {

  private final AgentConfig config;
  private final ServiceManager services;
  private final RedisAdmin redis;
  private final NodeStarter starter;
  private final FileGroup readers;
  private final PasswordPhases passwords;
  private final NodeTlsFiles tls;
  private final ConfHistory history;
  private final RunningDrift running;
  private final NodeFiles files;
  private final LiveChange live;
  private final SafeRestart restarts;

  public NodeApplier(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.redis = redis;
    this.starter = new NodeStarter(config, services, redis);
    this.readers = FileGroup.of(services.confReaderGroup());
    this.passwords = new PasswordPhases(redis);
    this.tls = new NodeTlsFiles(config, redis, readers);
    this.history = new ConfHistory(config, readers);
    this.running = new RunningDrift(redis);
    this.files = new NodeFiles(config, readers);
    this.live = new LiveChange(redis, files, history);
    this.restarts = new SafeRestart(starter, services, files);
  }

  public ApplyNodeResponse apply(NodeSpec spec, boolean dryRun) throws AgentException {
    return apply(spec, dryRun, false);
  }

  /**
   * Reads the node's facts, decides ({@link NodeDecision#of}, pure) and, unless a dry run, does it.
   *
   * @param restart restart the running node even when nothing differs: onto the installed binary
   *     (an upgrade) or an operator's rolling restart
   */
  public ApplyNodeResponse apply(NodeSpec spec, boolean dryRun, boolean restart) throws AgentException {
    return apply(spec, dryRun, restart, Optional.empty());
  }

  /**
   * The dry run of {@code spec} with the service state the caller has just read (ObserveNodes
   * observes a node and dry-runs its spec in one task): asking systemd again a moment later would
   * cost a {@code systemctl show} per node and could only tell the same.
   */
  public ApplyNodeResponse preview(NodeSpec spec, ServiceStatus status) throws AgentException {
    return apply(spec, true, false, Optional.of(status));
  }

  private ApplyNodeResponse apply(NodeSpec spec, boolean dryRun, boolean restart, Optional<ServiceStatus> known)
      throws AgentException {
    NodeLayout node = config.node(spec.getPort());
    if (!dryRun) {
      io.redisfleet.agent.server.EngineCheck.require(config, node.port(), spec.getEngine());
      io.redisfleet.agent.server.NodeServer.remember(config, node, spec.getEngine());
    }
    redis.hintLogin(node.port(), specLogin(spec));
    String rendered = ConfRenderer.render(spec, node, services.confLines(node), config.hostAddress(),
        io.redisfleet.agent.server.NodeServer.version(config, node, spec.getEngine()).aofDirectory());
    String acl = spec.hasAuth() ? AuthRenderer.aclText(spec.getAuth()) : "";
    Optional<String> existing = files.conf(node);
    Optional<String> oldAcl = NodeFiles.read(node, AuthRenderer.aclFile(node));
    ServiceStatus status = known.isPresent() ? known.get() : services.status(node);
    PasswordPhases.Flags flags = passwords.flags(node, spec, existing, status.running());
    NodeFacts facts = facts(node, spec, rendered, acl, existing, oldAcl, status, flags, dryRun, restart);
    NodeDecision decision = NodeDecision.of(facts);
    ApplyNodeResponse.Builder out = decision.response(node.port(), status.pid(), flags);
    if (dryRun) {
      return out.build();
    }
    return decision.action().by(new NodeAction.Doer<ApplyNodeResponse>() {
      @Override
      public ApplyNodeResponse unchanged() throws AgentException {
        history.forget(node); // whatever change kept it is complete: the node runs this conf
        return out.build();
      }

      @Override
      public ApplyNodeResponse rotationDone() {
        return out.build();
      }

      @Override
      public ApplyNodeResponse acceptNewPassword() throws AgentException {
        passwords.acceptNew(node, spec);
        return out.build();
      }

      @Override
      public ApplyNodeResponse switchMasterauth() throws AgentException {
        files.writeConf(node, passwords.switchMasterauth(node, spec, existing.orElseThrow()), "switch masterauth");
        return out.build();
      }

      @Override
      public ApplyNodeResponse create() throws AgentException {
        return NodeApplier.this.start(node, spec, rendered, acl, out, Optional.empty());
      }

      @Override
      public ApplyNodeResponse start() throws AgentException {
        return NodeApplier.this.start(node, spec, rendered, acl, out, existing);
      }

      @Override
      public ApplyNodeResponse restartUnchanged() throws AgentException {
        history.forget(node);
        return NodeApplier.this.restartUnchanged(node, out);
      }

      @Override
      public ApplyNodeResponse liveChange(NodeAction.LiveChange a) throws AgentException {
        return NodeApplier.this.liveChange(node, spec, a, existing.orElseThrow(), rendered, oldAcl, acl, out);
      }

      @Override
      public ApplyNodeResponse restart(NodeAction.Restart a) throws AgentException {
        sendRole(node, a.role());
        history.keep(node, existing.orElseThrow());
        files.writeAcl(node, acl);
        tls.write(node, spec);
        files.writeConf(node, rendered, "persist before the restart");
        restarts.restart(node, existing.orElseThrow());
        history.forget(node);
        return out.setPid(services.status(node).pid()).build();
      }
    });
  }

  /** Everything the decision needs; the diff and the role only where the decision looks at them. */
  private NodeFacts facts(NodeLayout node, NodeSpec spec, String rendered, String acl, Optional<String> existing,
      Optional<String> oldAcl, ServiceStatus status, PasswordPhases.Flags flags, boolean dryRun, boolean restart)
      throws AgentException {
    Optional<NodeFacts.Rotation> rotation = !spec.hasAuth() ? Optional.empty()
        : switch (spec.getAuth().getRotation()) {
          case ROTATION_ACCEPT_NEW -> Optional.of(NodeFacts.Rotation.ACCEPT_NEW);
          case ROTATION_SWITCH_MASTERAUTH -> Optional.of(NodeFacts.Rotation.SWITCH_MASTERAUTH);
          default -> Optional.empty();
        };
    boolean aclChanged = !acl.isEmpty() && !acl.equals(oldAcl.orElse(""));
    boolean tlsFilesChanged = tls.changed(node, spec);
    if (rotation.isPresent() || existing.isEmpty()) {
      return new NodeFacts(rotation, flags, existing.isPresent(), status.running(), new ConfDiff(List.of()),
          List.of(), aclChanged, tlsFilesChanged, Optional.empty(), restart);
    }
    ConfDiff fileDiff = ConfDiff.between(existing.get(), rendered);
    List<ConfDiff.Change> runningDiffers = status.running()
        ? running.differing(node.port(), spec, rendered, fileDiff) : List.of();
    ConfDiff diff = fileDiff.plus(runningDiffers);
    Optional<ReplicaRole> role = status.running() ? replicaRole(node, diff, dryRun) : Optional.empty();
    return new NodeFacts(rotation, flags, true, status.running(), diff, runningDiffers, aclChanged,
        tlsFilesChanged, role, restart);
  }

  /** Persist first (the conf, with the new replicaof), then the live changes, then REPLICAOF. */
  private ApplyNodeResponse liveChange(NodeLayout node, NodeSpec spec, NodeAction.LiveChange a, String existing,
      String rendered, Optional<String> oldAcl, String acl, ApplyNodeResponse.Builder out) throws AgentException {
    live.apply(node, existing, rendered, a.diff(), a.loadAcl() ? oldAcl : Optional.empty(), acl);
    sendRole(node, a.role());
    if (a.loadAcl()) {
      redis.aclLoad(node.port());
    }
    if (a.reloadTls() && !tls.reload(node, spec)) {
      starter.restart(node);
      history.forget(node);
      return out.setRestarted(true).addReasons(ChangeReason.CONF_CHANGED_RESTART)
          .setDetail(out.getDetail() + "; restarted: the agent cannot reach the node with the new certificates (a new CA)")
          .setPid(services.status(node).pid()).build();
    }
    if (spec.hasAuth()) {
      passwords.dropOthers(node, spec);
    }
    history.forget(node);
    return out.build();
  }

  /** A restart asked for with nothing to change: the same conf, the installed binary. */
  private ApplyNodeResponse restartUnchanged(NodeLayout node, ApplyNodeResponse.Builder out) throws AgentException {
    var info = redis.info(node.port());
    String before = io.redisfleet.agent.server.StartRecord.running(node, info.runId(), info.server()).toString();
    starter.restart(node);
    String after = io.redisfleet.agent.server.StartRecord.read(node).map(r -> r.server().toString())
        .orElse(redis.info(node.port()).server().toString());
    return out.setDetail("restarted (conf unchanged): " + before + " -> " + after)
        .setPid(services.status(node).pid()).build();
  }

  /**
   * The replicaof change of a running node. In a dry run a refusal is only reported (the
   * controller plans a handover instead), and a node that does not answer is reported as such.
   */
  private Optional<ReplicaRole> replicaRole(NodeLayout node, ConfDiff diff, boolean dryRun) throws AgentException {
    Optional<ConfDiff.Change> change = diff.change(ReplicaRole.DIRECTIVE);
    if (change.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ReplicaRole.of(node.port(), change.get(), redis.info(node.port())));
    } catch (AgentException e) {
      if (!dryRun) {
        throw e;
      }
      return Optional.of(new ReplicaRole(Optional.empty(), "replicaof: " + e.getMessage()));
    }
  }

  private void sendRole(NodeLayout node, Optional<ReplicaRole> role) throws AgentException {
    if (role.isPresent() && role.get().send().isPresent()) {
      redis.replicaOf(node.port(), role.get().send().get());
    }
  }

  /** The login the spec's auth gives the fleet, tried when the conf's does not open the node. */
  private static Optional<io.redisfleet.agent.redis.Credentials> specLogin(NodeSpec spec) {
    return PasswordPhases.login(spec).map(user -> new io.redisfleet.agent.redis.Credentials(
        Optional.of(user).filter(u -> !u.equals("default")), spec.getAuth().getPassword()));
  }

  /** Starts a stopped node with the rendered conf; one that had a conf is started with it again if refused. */
  private ApplyNodeResponse start(NodeLayout node, NodeSpec spec, String rendered, String acl,
      ApplyNodeResponse.Builder out, Optional<String> previous) throws AgentException {
    try {
      AtomicFiles.createDirectories(config.dataRoot(), node.dataDir(), readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": create " + node.dataDir() + ": " + e, e);
    }
    if (previous.isPresent()) {
      history.keep(node, previous.get());
    }
    files.writeAcl(node, acl);
    tls.write(node, spec);
    files.writeConf(node, rendered, "write the conf");
    Optional<String> takenOver = previous.isPresent()
        ? restarts.start(node, spec.getClusterEnabled(), previous.get())
        : starter.start(node, spec.getClusterEnabled());
    takenOver.ifPresent(t -> out.setDetail(out.getDetail() + "; " + t));
    history.forget(node);
    return out.setPid(services.status(node).pid()).build();
  }
}
