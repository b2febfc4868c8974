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
import java.nio.file.Files;
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

  public NodeApplier(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.redis = redis;
    this.starter = new NodeStarter(services, redis);
    this.readers = FileGroup.of(services.confReaderGroup());
    this.passwords = new PasswordPhases(redis);
    this.tls = new NodeTlsFiles(config, redis, readers);
    this.history = new ConfHistory(config, readers);
    this.running = new RunningDrift(redis);
  }

  public ApplyNodeResponse apply(NodeSpec spec, boolean dryRun) throws AgentException {
    NodeLayout node = config.node(spec.getPort());
    redis.hintLogin(node.port(), specLogin(spec));
    String rendered = ConfRenderer.render(spec, node, services.confLines(node), config.hostAddress());
    String acl = spec.hasAuth() ? AuthRenderer.aclText(spec.getAuth()) : "";
    Optional<String> existing = readConf(node);
    boolean aclChanged = !acl.isEmpty() && !acl.equals(read(node, AuthRenderer.aclFile(node)).orElse(""));
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
      return dryRun ? out.build() : start(node, spec, rendered, acl, out);
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
      return out.setDetail("unchanged").build();
    }
    out.setChanged(true);
    if (!status.running()) {
      if (!diff.isEmpty()) {
        out.addReasons(ChangeReason.CONF_CHANGED_RESTART);
      }
      out.addReasons(ChangeReason.NOT_RUNNING).setDetail("started");
      return dryRun ? out.build() : start(node, spec, rendered, acl, out);
    }
    if (diff.allLive()) {
      String detail = String.join(", ", java.util.stream.Stream.of(
          diff.isEmpty() ? "" : "CONFIG SET " + String.join(" ", diff.names()),
          runningDiffers.isEmpty() ? "" : "running value differs: "
              + String.join(" ", runningDiffers.stream().map(ConfDiff.Change::name).toList()),
          aclChanged ? "ACL LOAD" : "",
          tlsFilesChanged ? "TLS certificates reloaded" : "",
          dropPasswords ? "old passwords dropped" : "").filter(x -> !x.isEmpty()).toList());
      out.addReasons(ChangeReason.CONF_CHANGED_LIVE).setDetail(detail);
      if (!dryRun) {
        Optional<String> oldAcl = aclChanged ? read(node, AuthRenderer.aclFile(node)) : Optional.empty();
        history.keep(node, existing.get());
        write(node, rendered, "persist before the live change");
        writeAcl(node, acl);
        try {
          // One command, all or nothing; the agent logs in with the new conf's credentials, the
          // old conf's or none, whichever the node wants (a half-applied change included).
          java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
          LiveOrder.sorted(diff.changes()).forEach(c -> values.put(c.name(), c.configSetValue()));
          if (!values.isEmpty()) {
            redis.configSet(node.port(), values);
          }
        } catch (AgentException e) {
          write(node, existing.get(), "put the old conf back after the refused live change");
          if (oldAcl.isPresent()) {
            writeAcl(node, oldAcl.get());
          }
          throw new AgentException(e.kind(), e.getMessage() + "; nothing was changed live and the previous conf "
              + node.confFile() + " was put back", e);
        }
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
    history.keep(node, existing.get());
    writeAcl(node, acl);
    tls.write(node, spec);
    write(node, rendered, "persist before the restart");
    restartOrRestore(node, existing.get());
    history.forget(node);
    return out.setPid(services.status(node).pid()).build();
  }

  /**
   * Restarts the node with its new conf; when it does not come back (redis-server refuses the
   * conf, or it does not answer), the old conf goes back and the node is started with it, and
   * the step fails with redis-server's own words (the directive and line it refused).
   */
  private void restartOrRestore(NodeLayout node, String old) throws AgentException {
    try {
      starter.restart(node);
    } catch (AgentException refused) {
      write(node, old, "put the previous conf back after the failed restart");
      String again;
      try {
        starter.start(node, ConfDiff.parse(old).containsKey("cluster-enabled")
            && ConfDiff.parse(old).get("cluster-enabled").contains(List.of("yes")));
        again = "the previous conf " + node.confFile() + " was put back and the node started again with it (pid "
            + services.status(node).pid() + ")";
      } catch (AgentException alsoDown) {
        again = "the previous conf " + node.confFile() + " was put back, but the node did not start with it either: "
            + alsoDown.getMessage();
      }
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node.port() + ": restart with the new conf failed: "
          + refused.getMessage() + "; " + again, refused);
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
        write(node, passwords.switchMasterauth(node, spec, existing.orElseThrow()));
      }
    }
    return out.build();
  }

  private ApplyNodeResponse start(NodeLayout node, NodeSpec spec, String rendered, String acl,
      ApplyNodeResponse.Builder out) throws AgentException {
    try {
      AtomicFiles.createDirectories(config.dataRoot(), node.dataDir(), readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": create " + node.dataDir() + ": " + e, e);
    }
    writeAcl(node, acl);
    tls.write(node, spec);
    write(node, rendered);
    starter.start(node, spec.getClusterEnabled())
        .ifPresent(takenOver -> out.setDetail(out.getDetail() + "; " + takenOver));
    return out.setPid(services.status(node).pid()).build();
  }

  private void write(NodeLayout node, String rendered) throws AgentException {
    write(node, rendered, "write the conf");
  }

  /** Writes the conf atomically; a failure names the node, the file and the step it was for. */
  private void write(NodeLayout node, String rendered, String step) throws AgentException {
    try {
      AtomicFiles.write(config.confDir(), node.confFile(), rendered, readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": " + step + ": write " + node.confFile() + ": "
          + e + "; the node was not changed by this step", e);
    }
  }

  /** The ACL file (0640, under the node's own directory); nothing for a node without users. */
  private void writeAcl(NodeLayout node, String acl) throws AgentException {
    if (acl.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(config.dataRoot(), AuthRenderer.aclFile(node), acl);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": write " + AuthRenderer.aclFile(node) + ": " + e, e);
    }
  }

  private static Optional<String> readConf(NodeLayout node) throws AgentException {
    return read(node, node.confFile());
  }

  private static Optional<String> read(NodeLayout node, java.nio.file.Path file) throws AgentException {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": read " + file + ": " + e, e);
    }
  }
}
