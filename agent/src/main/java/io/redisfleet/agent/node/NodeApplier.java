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
import io.redisfleet.agent.v1.PasswordRotation;
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

  /** The changed "directive" reported when the login user accepts passwords other than the spec's. */
  static final String ACCEPTED_PASSWORDS = "accepted-passwords";
  /** The changed "directive" reported when the TLS certificate, key or CA files differ from the spec. */
  static final String TLS_FILES = "tls-files";

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
   * @param restart restart the running node even when nothing differs: onto the installed binary
   *     (an upgrade) or an operator's rolling restart
   */
  public ApplyNodeResponse apply(NodeSpec spec, boolean dryRun, boolean restart) throws AgentException {
    NodeLayout node = config.node(spec.getPort());
    if (!dryRun) {
      io.redisfleet.agent.server.EngineCheck.require(config, node.port(), spec.getEngine());
    }
    redis.hintLogin(node.port(), specLogin(spec));
    String rendered = ConfRenderer.render(spec, node, services.confLines(node), config.hostAddress(),
        io.redisfleet.agent.server.InstalledVersion.of(config).aofDirectory());
    String acl = spec.hasAuth() ? AuthRenderer.aclText(spec.getAuth()) : "";
    Optional<String> existing = files.conf(node);
    Optional<String> oldAcl = NodeFiles.read(node, AuthRenderer.aclFile(node));
    boolean aclChanged = !acl.isEmpty() && !acl.equals(oldAcl.orElse(""));
    boolean tlsFilesChanged = tls.changed(node, spec);
    ServiceStatus status = services.status(node);
    ApplyNodeResponse.Builder out = ApplyNodeResponse.newBuilder().setPort(node.port()).setPid(status.pid());
    PasswordPhases.Flags flags = passwords.flags(node, spec, existing, status.running());
    out.setAcceptsPassword(!flags.acceptPending()).setMasterauthCurrent(!flags.switchPending());
    if (spec.hasAuth() && spec.getAuth().getRotation() != PasswordRotation.ROTATION_NONE) {
      return rotate(node, spec, existing, flags, dryRun, out);
    }
    if (existing.isEmpty()) {
      out.setChanged(true).addReasons(ChangeReason.CONF_CREATED).setDetail("conf created, started");
      return dryRun ? out.build() : start(node, spec, rendered, acl, out, Optional.empty());
    }
    ConfDiff fileDiff = ConfDiff.between(existing.get(), rendered);
    List<ConfDiff.Change> runningDiffers = status.running()
        ? running.differing(node.port(), spec, rendered, fileDiff) : List.of();
    ConfDiff diff = fileDiff.plus(runningDiffers);
    out.addAllChangedDirectives(diff.names());
    runningDiffers.forEach(c -> out.addRunningDiffers(c.name()));
    if (aclChanged) {
      out.addChangedDirectives(AuthRenderer.ACL_FILE);
    }
    if (tlsFilesChanged) {
      out.addChangedDirectives(TLS_FILES);
    }
    boolean dropPasswords = flags.othersAccepted();
    if (dropPasswords) {
      out.addChangedDirectives(ACCEPTED_PASSWORDS);
    }
    if (diff.isEmpty() && !aclChanged && !tlsFilesChanged && !dropPasswords && status.running()) {
      if (!dryRun) {
        history.forget(node); // whatever change kept it is complete: the node runs this conf
      }
      if (restart) {
        return restartUnchanged(node, dryRun, out);
      }
      return out.setDetail("unchanged").build();
    }
    out.setChanged(true);
    if (!status.running()) {
      if (!diff.isEmpty()) {
        out.addReasons(ChangeReason.CONF_CHANGED_RESTART);
      }
      out.addReasons(ChangeReason.NOT_RUNNING).setDetail("started");
      return dryRun ? out.build() : start(node, spec, rendered, acl, out, existing);
    }
    // replicaof goes to the running node as REPLICAOF, never through a restart (see ReplicaRole)
    Optional<ReplicaRole> role = replicaRole(node, diff, dryRun);
    String roleDetail = role.map(ReplicaRole::detail).orElse("");
    diff = diff.without(ReplicaRole.DIRECTIVE);
    if (diff.allLive()) {
      String detail = String.join(", ", java.util.stream.Stream.of(roleDetail,
          diff.isEmpty() ? "" : "CONFIG SET " + String.join(" ", diff.names()),
          runningDiffers.isEmpty() ? "" : "running value differs: "
              + String.join(" ", runningDiffers.stream().map(ConfDiff.Change::name).toList()),
          aclChanged ? "ACL LOAD" : "",
          tlsFilesChanged ? "TLS certificates reloaded" : "",
          dropPasswords ? "old passwords dropped" : "").filter(x -> !x.isEmpty()).toList());
      out.addReasons(ChangeReason.CONF_CHANGED_LIVE).setDetail(detail);
      if (!dryRun) {
        // persist first (the conf, with the new replicaof), then the live changes, then REPLICAOF
        live.apply(node, existing.get(), rendered, diff, aclChanged ? oldAcl : Optional.empty(), acl);
        sendRole(node, role);
        if (aclChanged) {
          redis.aclLoad(node.port());
        }
        if (tlsFilesChanged && !tls.reload(node, spec)) {
          starter.restart(node);
          history.forget(node);
          return out.setRestarted(true).addReasons(ChangeReason.CONF_CHANGED_RESTART)
              .setDetail(detail + "; restarted: the agent cannot reach the node with the new certificates (a new CA)")
              .setPid(services.status(node).pid()).build();
        }
        if (spec.hasAuth()) {
          passwords.dropOthers(node, spec);
        }
        history.forget(node);
      }
      return out.build();
    }
    out.addReasons(ChangeReason.CONF_CHANGED_RESTART).setRestarted(true)
        .setDetail("restarted for " + String.join(" ", diff.names()));
    if (dryRun) {
      return out.build();
    }
    sendRole(node, role);
    history.keep(node, existing.get());
    files.writeAcl(node, acl);
    tls.write(node, spec);
    files.writeConf(node, rendered, "persist before the restart");
    restarts.restart(node, existing.get());
    history.forget(node);
    return out.setPid(services.status(node).pid()).build();
  }

  /** A restart asked for with nothing to change: the same conf, the installed binary. */
  private ApplyNodeResponse restartUnchanged(NodeLayout node, boolean dryRun, ApplyNodeResponse.Builder out)
      throws AgentException {
    out.setChanged(true).setRestarted(true).addReasons(ChangeReason.CONF_CHANGED_RESTART);
    if (dryRun) {
      return out.setDetail("would restart (conf unchanged)").build();
    }
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

  /** A phase of a shard-wide password change: auth only, never a restart, nothing else changes. */
  private ApplyNodeResponse rotate(NodeLayout node, NodeSpec spec, Optional<String> existing,
      PasswordPhases.Flags flags, boolean dryRun, ApplyNodeResponse.Builder out) throws AgentException {
    boolean accept = spec.getAuth().getRotation() == PasswordRotation.ROTATION_ACCEPT_NEW;
    if (accept ? !flags.acceptPending() : !flags.switchPending()) {
      return out.setDetail(existing.isEmpty() ? "no conf yet: nothing to rotate" : "unchanged").build();
    }
    out.setChanged(true).addReasons(ChangeReason.CONF_CHANGED_LIVE)
        .addChangedDirectives(accept ? ACCEPTED_PASSWORDS : "masterauth")
        .setDetail(accept ? "new password accepted (old one still)" : "masterauth switched to the new password");
    if (!dryRun) {
      if (accept) {
        passwords.acceptNew(node, spec);
      } else {
        files.writeConf(node, passwords.switchMasterauth(node, spec, existing.orElseThrow()), "switch masterauth");
      }
    }
    return out.build();
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
