package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that keeps part of the fleet from being converged and that the controller will not
 * fix on its own (a host that does not answer, a node holding keys that would be lost). The
 * scope names what is held back ({@code cluster main}, {@code host h1}); the rest of the plan
 * proceeds. The code says which kind of problem it is, for scripts (JSON {@code problemDetails});
 * the message says it for people.
 */
public record Problem(Scope scope, Code code, String message) {

  public Problem {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** Which kind of problem, next to {@link Reason.Code} (why a step is planned). */
  public enum Code {
    /** A host's agent did not answer: what needs it is not planned. */
    HOST_UNREACHABLE,
    /** A node holds keys that the change would drop; refused without --force. */
    HOLDS_KEYS,
    /** A node already belongs to a cluster with nodes not in this inventory. */
    FOREIGN_CLUSTER,
    /** A cluster member (or an open slot's other end) is not in this inventory. */
    UNDECLARED_MEMBER,
    /** A node forgotten by every member still runs and claims slots. */
    FORGOTTEN_CLAIMS_SLOTS,
    /** A leaving node is failing and still serves slots. */
    LEAVING_FAILING,
    /** Every member of a shard was on gone hosts: its slots are lost. */
    SHARD_LOST,
    /** A replica follows another master than the inventory says, or a master that serves nothing. */
    REPLICATION_MISMATCH,
    /** A node no inventory declares is kept (it holds data or does not answer). */
    ORPHAN_KEPT,
    /** The node or group cannot be changed as declared (its refusal says why). */
    REFUSED,
    /** A needed restart is not done in place (a master whose replica cannot take over). */
    RESTART_REFUSED,
    /** A step broke a safety invariant; it and everything after it are not run. */
    SAFETY_VIOLATION,
    /** The rollout stopped (--max-fail exceeded, a failed restart, a signal). */
    ROLLOUT_STOPPED,
    /** A warning: a host's own directive list could not be read; its nodes were checked against the built-in list. */
    DIRECTIVES_UNREAD,
    /** Apply ended with work left (deferred parts, or steps after the last round). */
    NOT_CONVERGED
  }

  /** What a problem holds back: a host, a node, a cluster, a group, or the apply run as a whole. */
  public record Scope(Kind kind, String name) {
    public enum Kind { HOST, NODE, CLUSTER, GROUP, APPLY, SAFETY }

    public static final Scope APPLY = new Scope(Kind.APPLY, "");
    public static final Scope SAFETY = new Scope(Kind.SAFETY, "");

    public Scope {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }

    public static Scope host(String host) {
      return new Scope(Kind.HOST, host);
    }

    public static Scope node(NodeRef node) {
      return new Scope(Kind.NODE, node.toString());
    }

    public static Scope cluster(String name) {
      return new Scope(Kind.CLUSTER, name);
    }

    public static Scope group(String name) {
      return new Scope(Kind.GROUP, name);
    }

    /** The cluster or group a node belongs to. */
    public static Scope of(Membership membership) {
      if (membership instanceof Membership.ClusterMember c) {
        return cluster(c.cluster());
      }
      if (membership instanceof Membership.GroupMaster g) {
        return group(g.group());
      }
      return group(((Membership.GroupReplica) membership).group());
    }

    /** As printed before scopes were typed: {@code cluster main}, {@code host h1}, {@code apply}. */
    @Override
    public String toString() {
      String kindName = kind.name().toLowerCase(Locale.ROOT);
      return name.isEmpty() ? kindName : kindName + " " + name;
    }
  }

  @Override
  public String toString() {
    return scope + ": " + message;
  }
}
