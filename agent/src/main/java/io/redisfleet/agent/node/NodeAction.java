package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.conf.ConfDiff;
import java.util.Optional;

/** What an ApplyNode does to one node: decided by {@link NodeDecision#of}, done by {@link NodeApplier}. */
public sealed interface NodeAction {

  /** Carries the action out through the one method of {@code doer} for its kind (checked by the compiler). */
  <R> R by(Doer<R> doer) throws AgentException;

  /** One method per action, so a new action cannot be forgotten by the executor (Java 17 has no pattern switch). */
  interface Doer<R> {
    R unchanged() throws AgentException;

    R rotationDone() throws AgentException;

    R acceptNewPassword() throws AgentException;

    R switchMasterauth() throws AgentException;

    R create() throws AgentException;

    R start() throws AgentException;

    R restartUnchanged() throws AgentException;

    R liveChange(LiveChange change) throws AgentException;

    R restart(Restart restart) throws AgentException;
  }

  /** The running node is what the spec says: only the kept previous conf is forgotten. */
  record Unchanged() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.unchanged();
    }
  }

  /** A password-rotation phase that has nothing left to do on this node. */
  record RotationDone() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.rotationDone();
    }
  }

  /** Rotation phase 1: the login user accepts the new password beside the old one. */
  record AcceptNewPassword() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.acceptNewPassword();
    }
  }

  /** Rotation phase 2: the conf's masterauth becomes the new password. */
  record SwitchMasterauth() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.switchMasterauth();
    }
  }

  /** No conf yet: write it and start the node. */
  record Create() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.create();
    }
  }

  /** A conf but no process: write the rendered conf and start (the old conf again if refused). */
  record Start() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.start();
    }
  }

  /** Nothing differs but a restart was asked for (upgrade, rolling restart). */
  record RestartUnchanged() implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.restartUnchanged();
    }
  }

  /**
   * Every difference can be applied to the running node: persist, CONFIG SET, REPLICAOF,
   * ACL LOAD, TLS reload, drop old passwords.
   *
   * @param reloadTls the certificates changed; a node the agent cannot reach with the new ones (a
   *     new CA) is restarted instead, so this change may restart the node ({@link #mayRestart})
   */
  record LiveChange(ConfDiff diff, Optional<ReplicaRole> role, boolean loadAcl, boolean reloadTls,
      boolean dropPasswords) implements NodeAction {

    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.liveChange(this);
    }

    /** Whether the TLS fallback may restart the node: known only when the reload is tried. */
    public boolean mayRestart() {
      return reloadTls;
    }
  }

  /** A difference that only a restart applies: persist, REPLICAOF, restart (the old conf back if refused). */
  record Restart(Optional<ReplicaRole> role) implements NodeAction {
    @Override
    public <R> R by(Doer<R> doer) throws AgentException {
      return doer.restart(this);
    }
  }
}
