package io.redisfleet.agent.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterNodesParserTest {

  private static final String M1 = "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca";
  private static final String M2 = "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1";

  // Lines as Redis 7.0 prints them (the CLUSTER NODES documentation sample, plus variants).
  private static final String NODES = String.join("\n",
      "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,hostname4 slave " + M1
          + " 0 1426238317239 4 connected",
      M2 + " 127.0.0.1:30002@31002 master,fail? - 1426238316000 1426238316232 2 disconnected 5461-10922",
      "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 10.0.0.7:30003@31003 master - 0 1426238318243 3 connected "
          + "10923-16382 16383",
      M1 + " 127.0.0.1:30001@31001,hostname1 myself,master - 0 0 1 connected 0-5459 5460 [5461->-" + M2 + "]"
          + " [93-<-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f]",
      "");

  private static final String INFO = String.join("\r\n", "cluster_enabled:1", "cluster_state:ok",
      "cluster_slots_assigned:16384", "cluster_slots_ok:16384", "cluster_known_nodes:4", "cluster_size:3",
      "cluster_current_epoch:4", "cluster_my_epoch:1", "");

  @Test
  void parsesInfoAndFindsMyself() {
    ClusterTopology view = ClusterNodesParser.parse(INFO, NODES);
    assertEquals(M1, view.myId());
    assertEquals("ok", view.state());
    assertEquals(16384, view.slotsAssigned());
    assertEquals(16384, view.slotsOk());
    assertEquals(4, view.knownNodes());
    assertEquals(3, view.size());
    assertEquals(4, view.currentEpoch());
    assertEquals(1, view.myEpoch());
    assertEquals(4, view.nodes().size());
  }

  @Test
  void parsesReplicaWithHostnameForm() {
    ClusterPeer replica = ClusterNodesParser.parseNodes(NODES).get(0);
    assertEquals("127.0.0.1", replica.host());
    assertEquals(30004, replica.port());
    assertEquals(31004, replica.busPort());
    assertEquals(List.of("slave"), replica.flags());
    assertEquals(M1, replica.masterId());
    assertEquals(4, replica.configEpoch());
    assertEquals("connected", replica.linkState());
    assertEquals(0, replica.slots().size());
  }

  @Test
  void parsesFailingMasterWithDashMasterId() {
    ClusterPeer m = ClusterNodesParser.parseNodes(NODES).get(1);
    assertEquals(List.of("master", "fail?"), m.flags());
    assertEquals("", m.masterId());
    assertEquals("disconnected", m.linkState());
    assertEquals(List.of(range(5461, 10922)), m.slots());
  }

  @Test
  void parsesRangesSingleSlotsAndMigrations() {
    List<ClusterPeer> nodes = ClusterNodesParser.parseNodes(NODES);
    assertEquals(List.of(range(10923, 16382), range(16383, 16383)), nodes.get(2).slots());
    assertEquals("10.0.0.7", nodes.get(2).host());
    ClusterPeer me = nodes.get(3);
    assertEquals(List.of("myself", "master"), me.flags());
    assertEquals(List.of(range(0, 5459), range(5460, 5460)), me.slots());
    assertEquals(List.of("[5461->-" + M2 + "]", "[93-<-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f]"),
        me.migrating());
  }

  @Test
  void parsesFreshNodeWithEmptyHostAndOldFormWithoutBusPort() {
    List<ClusterPeer> nodes = ClusterNodesParser.parseNodes(
        M1 + " :7000@17000 myself,master - 0 0 0 connected\n" + M2 + " 127.0.0.1:7001 master - 0 0 0 connected\n");
    assertEquals("", nodes.get(0).host());
    assertEquals(7000, nodes.get(0).port());
    assertEquals(17000, nodes.get(0).busPort());
    assertEquals(7001, nodes.get(1).port());
  }

  @Test
  void parsesTheProcessIdAndTheReplicasAMasterSees() {
    NodeInfo master = NodeInfo.parse("# Server\r\nprocess_id:4242\r\n# Replication\r\nrole:master\r\n"
        + "connected_slaves:2\r\nslave0:ip=127.0.0.1,port=6381,state=online,offset=98,lag=0\r\n"
        + "slave1:ip=10.0.0.7,port=6382,state=wait_bgsave,offset=0,lag=0\r\nmaster_repl_offset:99\r\n");
    assertEquals(4242, master.processId());
    assertEquals(List.of(new NodeInfo.ConnectedReplica("127.0.0.1", 6381, "online", 98),
        new NodeInfo.ConnectedReplica("10.0.0.7", 6382, "wait_bgsave", 0)), master.replicas());
  }

  @Test
  void parsesPersistenceAndMemoryStateOfInfo() {
    NodeInfo info = NodeInfo.parse("# Memory\r\nused_memory:900\r\nmaxmemory:1000\r\nmaxmemory_policy:noeviction\r\n"
        + "# Persistence\r\nrdb_last_bgsave_status:err\r\naof_last_bgrewrite_status:ok\r\n"
        + "aof_last_write_status:err\r\nrole:master\r\n");
    assertEquals(new WriteHealth("err", "err", "ok", 1000, "noeviction"), info.writes());
    assertEquals(WriteHealth.UNKNOWN, NodeInfo.parse("role:master\r\n").writes());
  }

  @Test
  void parsesInfoOfMasterAndReplica() {
    NodeInfo master = NodeInfo.parse("# Server\r\nredis_version:7.0.15\r\nrun_id:abc\r\nuptime_in_seconds:42\r\n"
        + "# Memory\r\nused_memory:1048576\r\n# Replication\r\nrole:master\r\nmaster_repl_offset:99\r\n"
        + "# Cluster\r\ncluster_enabled:1\r\n# Keyspace\r\ndb0:keys=3,expires=0,avg_ttl=0\r\n"
        + "db5:keys=4,expires=1,avg_ttl=10\r\n");
    assertEquals(new NodeInfo("master", "", 0, "", 99, 7, "7.0.15", 1048576, 42, "abc", true, 0, List.of()), master);
    NodeInfo replica = NodeInfo.parse("role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:6380\r\n"
        + "master_link_status:up\r\nslave_repl_offset:12\r\nmaster_repl_offset:12\r\ncluster_enabled:0\r\n");
    assertTrue(replica.isReplica());
    assertEquals("127.0.0.1", replica.masterHost());
    assertEquals(6380, replica.masterPort());
    assertEquals("up", replica.masterLinkStatus());
    assertEquals(12, replica.replOffset());
    assertEquals(0, replica.keys());
  }

  private static Slots range(int start, int end) {
    return new Slots(start, end);
  }
}
