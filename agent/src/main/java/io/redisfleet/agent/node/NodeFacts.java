package io.redisfleet.agent.node;

import io.redisfleet.agent.conf.ConfDiff;
import java.util.List;
import java.util.Optional;

/**
 * What {@link NodeDecision#of} needs to know about one node, read before anything is decided:
 * kept apart so that the decision is a pure function a dry run and a real apply share.
 *
 * @param rotation the spec's password-rotation phase, if one is asked for
 * @param flags the node's password-phase flags ({@link PasswordPhases.Flags#NONE} when not applicable)
 * @param confExists whether the node has a conf on disk
 * @param running whether its redis-server runs
 * @param diff the conf on disk against the rendered one, plus {@code runningDiffers}
 * @param runningDiffers live directives whose running value differs from the rendered conf
 * @param aclChanged whether the ACL file differs from the spec's users
 * @param tlsFilesChanged whether the certificate, key or CA files differ from the spec's
 * @param role the REPLICAOF a running node needs for a changed {@code replicaof} line
 * @param restartAsked whether a restart was asked for even when nothing differs
 */
public record NodeFacts(Optional<Rotation> rotation, PasswordPhases.Flags flags, boolean confExists,
    boolean running, ConfDiff diff, List<ConfDiff.Change> runningDiffers, boolean aclChanged,
    boolean tlsFilesChanged, Optional<ReplicaRole> role, boolean restartAsked) {

  /** A phase of a shard-wide password change. */
  public enum Rotation { ACCEPT_NEW, SWITCH_MASTERAUTH }

  public NodeFacts {
    runningDiffers = List.copyOf(runningDiffers);
  }

  /** Whether the running node already is what the spec says. */
  boolean settled() {
    return diff.isEmpty() && !aclChanged && !tlsFilesChanged && !flags.othersAccepted() && running;
  }
}
