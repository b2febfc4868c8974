package io.redisfleet.controller.agentclient;

import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ChangeReason;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.contract.WireEnums;
import io.redisfleet.controller.model.AgentFacts;
import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.InstalledServer;
import io.redisfleet.controller.model.Lineage;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.NodeReport;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.ServerVersion;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.model.WriteHealth;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps the agent's observation messages to the controller's model: the one place they are read. */
public final class NodeStates {

  private NodeStates() {}

  public static NodeReport report(String host, NodeState s) {
    Optional<ServerVersion> running = s.getReachable() && !s.getServerVersion().isEmpty()
        ? Optional.of(new ServerVersion(s.getEngine(), s.getServerVersion())) : Optional.empty();
    return new NodeReport(toObserved(host, s, ConfDrift.none()), running);
  }

  public static ObservedNode toObserved(String host, NodeState s, ConfDrift drift) {
    Optional<String> master = s.hasMaster() && !s.getMaster().getHost().isEmpty()
        ? Optional.of(s.getMaster().getHost() + ":" + s.getMaster().getPort())
        : Optional.empty();
    Optional<ClusterState> cluster = s.getClusterEnabled() && s.hasCluster() && s.getReachable()
        ? Optional.of(cluster(s.getCluster()))
        : Optional.empty();
    return new ObservedNode(new NodeRef(host, s.getPort()), s.getManaged(), s.getRunning(), s.getPid(),
        s.getReachable(), s.getError(), Role.of(WireEnums.role(s.getNodeRole(), s.getRole())), master,
        WireEnums.masterLinkUp(s.getMasterLink(), s.getMasterLinkStatus()),
        s.getReplOffset(), s.getKeys(), cluster, s.getClusterConfigPresent(), s.getUsedMemory(),
        s.getRunId(), drift, new WriteHealth(s.getRdbLastBgsaveStatus(), s.getAofLastWriteStatus(),
            s.getAofLastBgrewriteStatus(), s.getUsedMemory(), s.getMaxmemory(), s.getMaxmemoryPolicy(),
            s.getBgsaveErrorAllowsWrites()),
        new Lineage(s.getMasterReplid(), s.getMasterReplid2(), s.getWritesFenced()));
  }

  public static ClusterState cluster(ClusterView v) {
    return new ClusterState(v.getMyId(), v.getState(), v.getKnownNodes(), v.getCurrentEpoch(), v.getMyEpoch(),
        v.getNodesList().stream().map(NodeStates::node).toList());
  }

  private static ClusterNodeView node(ClusterNode n) {
    return new ClusterNodeView(n.getId(), n.getHost(), n.getPort(), new HashSet<>(n.getFlagsList()),
        n.getMasterId(), n.getConfigEpoch(), WireEnums.connected(n.getLink(), n.getLinkState()),
        n.getSlotsList().stream().map(r -> new SlotRange(r.getStart(), r.getEnd())).toList(),
        n.getMigratingList());
  }

  static ConfDrift drift(ApplyNodeResponse preview) {
    boolean created = preview.getReasonsList().contains(ChangeReason.CONF_CREATED);
    return new ConfDrift(!created, preview.getChanged(), preview.getRestarted(),
        preview.getChangedDirectivesList(), preview.getDetail(),
        new ConfDrift.PasswordState(!preview.getAcceptsPassword(), !preview.getMasterauthCurrent()),
        preview.getRunningDiffersList(), preview.getMayRestart());
  }

  static AgentFacts facts(HostFacts f) {
    InstalledServer installed = new InstalledServer(new ServerVersion(f.getEngine(), f.getRedisVersion()),
        Set.copyOf(f.getServerDirectivesList()), f.getServerDirectivesError());
    // an agent from before servers were listed has one binary: the one the fields above describe
    List<InstalledServer> servers = f.getServersCount() == 0
        ? (installed.version().known() ? List.of(installed) : List.of())
        : f.getServersList().stream().map(s -> new InstalledServer(new ServerVersion(s.getEngine(), s.getVersion()),
            Set.copyOf(s.getDirectivesList()), s.getDirectivesError())).toList();
    return new AgentFacts(f.getHostname(), f.getServiceBackend(), f.getManagedPortsList(), installed, servers);
  }
}
