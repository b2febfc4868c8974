package io.redisfleet.agent.node;

import io.redisfleet.agent.conf.AuthRenderer;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ChangeReason;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What ApplyNode does to a node and what it reports, decided from {@link NodeFacts} alone (no I/O),
 * so that a dry run (the controller's plan) reports exactly the decision a real apply carries out.
 * Only the TLS fallback restart ({@link NodeAction.LiveChange#mayRestart}) and the PID are learnt
 * while doing.
 */
public record NodeDecision(NodeAction action, boolean changed, boolean restarted, List<ChangeReason> reasons,
    List<String> changedDirectives, List<String> runningDiffers, String detail) {

  /** The changed "directive" reported when the login user accepts passwords other than the spec's. */
  static final String ACCEPTED_PASSWORDS = "accepted-passwords";
  /** The changed "directive" reported when the TLS certificate, key or CA files differ from the spec. */
  static final String TLS_FILES = "tls-files";

  public NodeDecision {
    reasons = List.copyOf(reasons);
    changedDirectives = List.copyOf(changedDirectives);
    runningDiffers = List.copyOf(runningDiffers);
  }

  public static NodeDecision of(NodeFacts f) {
    if (f.rotation().isPresent()) {
      return rotation(f);
    }
    if (!f.confExists()) {
      return new NodeDecision(new NodeAction.Create(), true, false, List.of(ChangeReason.CONF_CREATED),
          List.of(), List.of(), "conf created, started");
    }
    List<String> directives = directives(f);
    List<String> runningDiffers = f.runningDiffers().stream().map(ConfDiff.Change::name).toList();
    if (f.settled()) {
      return f.restartAsked()
          ? new NodeDecision(new NodeAction.RestartUnchanged(), true, true, List.of(ChangeReason.CONF_CHANGED_RESTART),
              directives, runningDiffers, "would restart (conf unchanged)")
          : new NodeDecision(new NodeAction.Unchanged(), false, false, List.of(), directives, runningDiffers, "unchanged");
    }
    if (!f.running()) {
      List<ChangeReason> reasons = new ArrayList<>();
      if (!f.diff().isEmpty()) {
        reasons.add(ChangeReason.CONF_CHANGED_RESTART);
      }
      reasons.add(ChangeReason.NOT_RUNNING);
      return new NodeDecision(new NodeAction.Start(), true, false, reasons, directives, runningDiffers, "started");
    }
    // replicaof goes to the running node as REPLICAOF, never through a restart (see ReplicaRole)
    ConfDiff rest = f.diff().without(ReplicaRole.DIRECTIVE);
    if (!rest.allLive()) {
      return new NodeDecision(new NodeAction.Restart(f.role()), true, true, List.of(ChangeReason.CONF_CHANGED_RESTART),
          directives, runningDiffers, "restarted for " + String.join(" ", rest.names()));
    }
    String detail = String.join(", ", Stream.of(f.role().map(ReplicaRole::detail).orElse(""),
        rest.isEmpty() ? "" : "CONFIG SET " + String.join(" ", rest.names()),
        runningDiffers.isEmpty() ? "" : "running value differs: " + String.join(" ", runningDiffers),
        f.aclChanged() ? "ACL LOAD" : "",
        f.tlsFilesChanged() ? "TLS certificates reloaded" : "",
        f.flags().othersAccepted() ? "old passwords dropped" : "").filter(x -> !x.isEmpty()).toList());
    NodeAction live = new NodeAction.LiveChange(rest, f.role(), f.aclChanged(), f.tlsFilesChanged(),
        f.flags().othersAccepted());
    return new NodeDecision(live, true, false, List.of(ChangeReason.CONF_CHANGED_LIVE), directives, runningDiffers, detail);
  }

  /** A phase of a shard-wide password change: auth only, never a restart, nothing else changes. */
  private static NodeDecision rotation(NodeFacts f) {
    boolean accept = f.rotation().get() == NodeFacts.Rotation.ACCEPT_NEW;
    if (accept ? !f.flags().acceptPending() : !f.flags().switchPending()) {
      return new NodeDecision(new NodeAction.RotationDone(), false, false, List.of(), List.of(), List.of(),
          f.confExists() ? "unchanged" : "no conf yet: nothing to rotate");
    }
    return accept
        ? new NodeDecision(new NodeAction.AcceptNewPassword(), true, false, List.of(ChangeReason.CONF_CHANGED_LIVE),
            List.of(ACCEPTED_PASSWORDS), List.of(), "new password accepted (old one still)")
        : new NodeDecision(new NodeAction.SwitchMasterauth(), true, false, List.of(ChangeReason.CONF_CHANGED_LIVE),
            List.of("masterauth"), List.of(), "masterauth switched to the new password");
  }

  /** Every changed directive, with the pseudo-directives for ACL file, TLS files and extra passwords. */
  private static List<String> directives(NodeFacts f) {
    List<String> out = new ArrayList<>(f.diff().names());
    if (f.aclChanged()) {
      out.add(AuthRenderer.ACL_FILE);
    }
    if (f.tlsFilesChanged()) {
      out.add(TLS_FILES);
    }
    if (f.flags().othersAccepted()) {
      out.add(ACCEPTED_PASSWORDS);
    }
    return out;
  }

  /** The response as decided; the executor adds the PID and what it learnt while doing. */
  ApplyNodeResponse.Builder response(int port, long pid, PasswordPhases.Flags flags) {
    return ApplyNodeResponse.newBuilder().setPort(port).setPid(pid)
        .setAcceptsPassword(!flags.acceptPending()).setMasterauthCurrent(!flags.switchPending())
        .setChanged(changed).setRestarted(restarted).addAllReasons(reasons)
        .setMayRestart(action instanceof NodeAction.LiveChange live && live.mayRestart())
        .addAllChangedDirectives(changedDirectives).addAllRunningDiffers(runningDiffers).setDetail(detail);
  }
}
