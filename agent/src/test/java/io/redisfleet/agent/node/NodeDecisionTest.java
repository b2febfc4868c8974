package io.redisfleet.agent.node;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.v1.ChangeReason;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The table of ApplyNode decisions: what is done and what is reported, for each shape of node.
 * A dry run returns exactly this decision, so this table is also what the controller's plan sees.
 */
class NodeDecisionTest {

  private static final String CONF = "port 6379\nmaxmemory 100mb\nreplicaof 10.0.0.5 6379\n";
  private static final PasswordPhases.Flags NONE = PasswordPhases.Flags.NONE;

  /** A running node whose conf matches the spec. */
  private static final NodeFacts SETTLED = new NodeFacts(Optional.empty(), NONE, true, true, diff(CONF),
      List.of(), false, false, Optional.empty(), false);

  private record Row(String name, UnaryOperator<NodeFacts> facts, Class<? extends NodeAction> action,
      boolean changed, boolean restarted, List<ChangeReason> reasons, List<String> directives, String detail) {}

  private static final List<Row> TABLE = List.of(
      new Row("settled", f -> f, NodeAction.Unchanged.class, false, false, List.of(), List.of(), "unchanged"),
      new Row("settled, restart asked", f -> with(f, true, true, diff(CONF), f.role(), false, false, NONE, true),
          NodeAction.RestartUnchanged.class, true, true, List.of(ChangeReason.CONF_CHANGED_RESTART), List.of(),
          "would restart (conf unchanged)"),
      new Row("no conf", f -> with(f, false, false, diff(CONF), f.role(), false, false, NONE, false),
          NodeAction.Create.class, true, false, List.of(ChangeReason.CONF_CREATED), List.of(), "conf created, started"),
      new Row("stopped, same conf", f -> with(f, true, false, diff(CONF), f.role(), false, false, NONE, false),
          NodeAction.Start.class, true, false, List.of(ChangeReason.NOT_RUNNING), List.of(), "started"),
      new Row("stopped, conf changed", f -> with(f, true, false, diff("port 6379\n"), f.role(), false, false, NONE, true),
          NodeAction.Start.class, true, false, List.of(ChangeReason.CONF_CHANGED_RESTART, ChangeReason.NOT_RUNNING),
          List.of("maxmemory", "replicaof"), "started"),
      new Row("live directive", f -> with(f, true, true, diff("port 6379\nmaxmemory 1gb\nreplicaof 10.0.0.5 6379\n"),
          f.role(), false, false, NONE, false), NodeAction.LiveChange.class, true, false,
          List.of(ChangeReason.CONF_CHANGED_LIVE), List.of("maxmemory"), "CONFIG SET maxmemory"),
      new Row("restart directive", f -> with(f, true, true, diff("port 6380\nmaxmemory 100mb\nreplicaof 10.0.0.5 6379\n"),
          f.role(), false, false, NONE, false), NodeAction.Restart.class, true, true,
          List.of(ChangeReason.CONF_CHANGED_RESTART), List.of("port"), "restarted for port"),
      new Row("replicaof only: REPLICAOF, never a restart", f -> with(f, true, true, diff("port 6379\nmaxmemory 100mb\n"),
          Optional.of(new ReplicaRole(Optional.of(Optional.empty()), "REPLICAOF NO ONE")), false, false, NONE, false),
          NodeAction.LiveChange.class, true, false, List.of(ChangeReason.CONF_CHANGED_LIVE), List.of("replicaof"),
          "REPLICAOF NO ONE"),
      new Row("acl file", f -> with(f, true, true, diff(CONF), f.role(), true, false, NONE, false),
          NodeAction.LiveChange.class, true, false, List.of(ChangeReason.CONF_CHANGED_LIVE), List.of("users.acl"),
          "ACL LOAD"),
      new Row("tls files: reload, may restart", f -> with(f, true, true, diff(CONF), f.role(), false, true, NONE, false),
          NodeAction.LiveChange.class, true, false, List.of(ChangeReason.CONF_CHANGED_LIVE),
          List.of(NodeDecision.TLS_FILES), "TLS certificates reloaded"),
      new Row("old passwords accepted", f -> with(f, true, true, diff(CONF), f.role(), false, false,
          new PasswordPhases.Flags(false, false, true), false), NodeAction.LiveChange.class, true, false,
          List.of(ChangeReason.CONF_CHANGED_LIVE), List.of(NodeDecision.ACCEPTED_PASSWORDS), "old passwords dropped"),
      new Row("rotation accept pending", f -> rotation(f, NodeFacts.Rotation.ACCEPT_NEW, true,
          new PasswordPhases.Flags(true, false, false)), NodeAction.AcceptNewPassword.class, true, false,
          List.of(ChangeReason.CONF_CHANGED_LIVE), List.of(NodeDecision.ACCEPTED_PASSWORDS),
          "new password accepted (old one still)"),
      new Row("rotation switch pending", f -> rotation(f, NodeFacts.Rotation.SWITCH_MASTERAUTH, true,
          new PasswordPhases.Flags(false, true, false)), NodeAction.SwitchMasterauth.class, true, false,
          List.of(ChangeReason.CONF_CHANGED_LIVE), List.of("masterauth"), "masterauth switched to the new password"),
      new Row("rotation already done", f -> rotation(f, NodeFacts.Rotation.ACCEPT_NEW, true, NONE),
          NodeAction.RotationDone.class, false, false, List.of(), List.of(), "unchanged"),
      new Row("rotation without conf", f -> rotation(f, NodeFacts.Rotation.SWITCH_MASTERAUTH, false, NONE),
          NodeAction.RotationDone.class, false, false, List.of(), List.of(), "no conf yet: nothing to rotate"));

  @Test
  void eachShapeOfNodeIsDecidedAndReportedAsBefore() {
    assertAll(TABLE.stream().map(row -> () -> {
      NodeDecision d = NodeDecision.of(row.facts().apply(SETTLED));
      assertEquals(row.action(), d.action().getClass(), row.name());
      assertEquals(row.changed(), d.changed(), row.name());
      assertEquals(row.restarted(), d.restarted(), row.name());
      assertEquals(row.reasons(), d.reasons(), row.name());
      assertEquals(row.directives(), d.changedDirectives(), row.name());
      assertEquals(row.detail(), d.detail(), row.name());
    }));
  }

  @Test
  void aTlsChangeIsTheOnlyLiveChangeThatMayRestart() {
    NodeDecision tls = NodeDecision.of(with(SETTLED, true, true, diff(CONF), Optional.empty(), false, true, NONE, false));
    NodeDecision acl = NodeDecision.of(with(SETTLED, true, true, diff(CONF), Optional.empty(), true, false, NONE, false));
    assertEquals(true, ((NodeAction.LiveChange) tls.action()).mayRestart());
    assertEquals(false, ((NodeAction.LiveChange) acl.action()).mayRestart());
    var flags = PasswordPhases.Flags.NONE;
    assertTrue(tls.response(7000, 1, flags).getMayRestart(), "the dry run tells the controller");
    assertFalse(acl.response(7000, 1, flags).getMayRestart());
  }

  @Test
  void aRunningValueThatDiffersIsReportedAndSetLive() {
    ConfDiff.Change hz = new ConfDiff.Change("hz", List.of(List.of("10")), true);
    NodeFacts f = new NodeFacts(Optional.empty(), NONE, true, true, diff(CONF).plus(List.of(hz)), List.of(hz),
        false, false, Optional.empty(), false);
    NodeDecision d = NodeDecision.of(f);
    assertEquals(List.of("hz"), d.runningDiffers());
    assertEquals("CONFIG SET hz, running value differs: hz", d.detail());
  }

  private static ConfDiff diff(String rendered) {
    return ConfDiff.between(CONF, rendered);
  }

  private static NodeFacts with(NodeFacts f, boolean confExists, boolean running, ConfDiff diff,
      Optional<ReplicaRole> role, boolean acl, boolean tls, PasswordPhases.Flags flags, boolean restart) {
    return new NodeFacts(f.rotation(), flags, confExists, running, diff, List.of(), acl, tls, role, restart);
  }

  private static NodeFacts rotation(NodeFacts f, NodeFacts.Rotation phase, boolean confExists, PasswordPhases.Flags flags) {
    return new NodeFacts(Optional.of(phase), flags, confExists, true, diff(CONF), List.of(), false, false,
        Optional.empty(), false);
  }
}
