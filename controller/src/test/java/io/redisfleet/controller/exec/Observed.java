package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import java.util.Optional;

/** Builds the nodes fake agents report: by default one not managed, not running, not answering. */
final class Observed {

  private final NodeRef ref;
  private boolean managed;
  private boolean running;
  private boolean reachable;
  private String error = "";
  private Role role = Role.UNKNOWN;
  private boolean linkUp;
  private String runId = "";

  private Observed(NodeRef ref) {
    this.ref = ref;
  }

  static Observed at(String host, int port) {
    return new Observed(new NodeRef(host, port));
  }

  /** A node the agent runs, running and answering. */
  static Observed live(String host, int port) {
    return at(host, port).managed().running().reachable();
  }

  Observed managed() {
    managed = true;
    return this;
  }

  Observed running() {
    running = true;
    return this;
  }

  Observed reachable() {
    reachable = true;
    return this;
  }

  Observed error(String error) {
    this.error = error;
    return this;
  }

  Observed role(Role role) {
    this.role = role;
    return this;
  }

  Observed linkUp() {
    linkUp = true;
    return this;
  }

  Observed runId(String runId) {
    this.runId = runId;
    return this;
  }

  ObservedNode node() {
    return new ObservedNode(ref, managed, running, 0, reachable, error, role, Optional.empty(), linkUp, 0, 0,
        Optional.empty(), false, 0, runId, ConfDrift.none());
  }
}
