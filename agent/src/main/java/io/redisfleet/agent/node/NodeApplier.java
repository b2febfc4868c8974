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
import java.util.Optional;

/**
 * ApplyNode: create if absent, update if different, else nothing. Live-settable differences go
 * to the running node by CONFIG SET before the new conf is written, so a refused value leaves
 * the old conf in place and the next apply tries again; any other difference restarts the node.
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

  public NodeApplier(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.redis = redis;
    this.starter = new NodeStarter(services, redis);
    this.readers = FileGroup.of(services.confReaderGroup());
    this.passwords = new PasswordPhases(redis);
    this.tls = new NodeTlsFiles(config, redis, readers);
  }

  public ApplyNodeResponse apply(NodeSpec spec, boolean dryRun) throws AgentException {
    NodeLayout node = config.node(spec.getPort());
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
    ConfDiff diff = ConfDiff.between(existing.get(), rendered);
    out.addAllChangedDirectives(diff.names());
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
    // replicaof goes to the running node as REPLICAOF, never through a restart (see ReplicaRole)
    Optional<ReplicaRole> role = replicaRole(node, diff, dryRun);
    String roleDetail = role.map(ReplicaRole::detail).orElse("");
    diff = diff.without(ReplicaRole.DIRECTIVE);
    if (diff.allLive()) {
      String detail = String.join(", ", java.util.stream.Stream.of(roleDetail,
          diff.isEmpty() ? "" : "CONFIG SET " + String.join(" ", diff.names()), aclChanged ? "ACL LOAD" : "",
          tlsFilesChanged ? "TLS certificates reloaded" : "",
          dropPasswords ? "old passwords dropped" : "").filter(x -> !x.isEmpty()).toList());
      out.addReasons(ChangeReason.CONF_CHANGED_LIVE).setDetail(detail);
      if (!dryRun) {
        sendRole(node, role);
        // Every call authenticates with the conf on disk (the old credentials) until the new
        // conf is written, so requirepass, which changes that login, goes last.
        for (ConfDiff.Change change : LiveOrder.sorted(diff.changes())) {
          redis.configSet(node.port(), change.name(), change.configSetValue());
        }
        if (aclChanged) {
          writeAcl(node, acl);
          redis.aclLoad(node.port());
        }
        if (tlsFilesChanged && !tls.reload(node, spec)) {
          write(node, rendered);
          starter.restart(node);
          return out.setRestarted(true).addReasons(ChangeReason.CONF_CHANGED_RESTART)
              .setDetail(detail + "; restarted: the agent cannot reach the node with the new certificates (a new CA)")
              .setPid(services.status(node).pid()).build();
        }
        write(node, rendered);
        if (spec.hasAuth()) {
          passwords.dropOthers(node, spec);
        }
      }
      return out.build();
    }
    out.addReasons(ChangeReason.CONF_CHANGED_RESTART).setRestarted(true)
        .setDetail("restarted for " + String.join(" ", diff.names()));
    if (dryRun) {
      return out.build();
    }
    sendRole(node, role);
    writeAcl(node, acl);
    tls.write(node, spec);
    write(node, rendered);
    starter.restart(node);
    return out.setPid(services.status(node).pid()).build();
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
    try {
      AtomicFiles.write(config.confDir(), node.confFile(), rendered, readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": write " + node.confFile() + ": " + e, e);
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
