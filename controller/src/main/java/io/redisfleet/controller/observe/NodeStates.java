package io.redisfleet.controller.observe;

import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ChangeReason;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.model.WriteHealth;
import java.util.HashSet;
import java.util.Optional;

/** Maps the agent's messages to the controller's observed model. */
public final class NodeStates {

  private NodeStates() {}

  public static ObservedNode toObserved(String host, NodeState s, ConfDrift drift) {
    Optional<String> master = s.hasMaster() && !s.getMaster().getHost().isEmpty()
        ? Optional.of(s.getMaster().getHost() + ":" + s.getMaster().getPort())
        : Optional.empty();
    Optional<ClusterState> cluster = s.getClusterEnabled() && s.hasCluster() && s.getReachable()
        ? Optional.of(cluster(s.getCluster()))
        : Optional.empty();
    return new ObservedNode(new NodeRef(host, s.getPort()), s.getManaged(), s.getRunning(), s.getPid(),
        s.getReachable(), s.getError(), WireValues.role(s), master, WireValues.masterLinkUp(s),
        s.getReplOffset(), s.getKeys(), cluster, s.getClusterConfigPresent(), s.getUsedMemory(),
        s.getRunId(), drift, new WriteHealth(s.getRdbLastBgsaveStatus(), s.getAofLastWriteStatus(),
            s.getAofLastBgrewriteStatus(), s.getUsedMemory(), s.getMaxmemory(), s.getMaxmemoryPolicy(),
            s.getBgsaveErrorAllowsWrites()));
  }

  public static ClusterState cluster(ClusterView v) {
    return new ClusterState(v.getMyId(), v.getState(), v.getKnownNodes(), v.getCurrentEpoch(), v.getMyEpoch(),
        v.getNodesList().stream().map(NodeStates::node).toList());
  }

  private static ClusterNodeView node(ClusterNode n) {
    return new ClusterNodeView(n.getId(), n.getHost(), n.getPort(), new HashSet<>(n.getFlagsList()),
        n.getMasterId(), n.getConfigEpoch(), WireValues.connected(n),
        n.getSlotsList().stream().map(r -> new SlotRange(r.getStart(), r.getEnd())).toList(),
        n.getMigratingList());
  }

  static ConfDrift drift(ApplyNodeResponse preview) {
    boolean created = preview.getReasonsList().contains(ChangeReason.CONF_CREATED);
    return new ConfDrift(!created, preview.getChanged(), preview.getRestarted(),
        preview.getChangedDirectivesList(), preview.getDetail(),
        new ConfDrift.PasswordState(!preview.getAcceptsPassword(), !preview.getMasterauthCurrent()),
        preview.getRunningDiffersList());
  }
}
