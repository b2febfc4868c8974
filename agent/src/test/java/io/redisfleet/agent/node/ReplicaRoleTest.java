package io.redisfleet.agent.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.Address;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A replicaof conf change is applied by REPLICAOF on the running node, never by a restart into an empty master. */
class ReplicaRoleTest {

  private static final NodeInfo REPLICA_OF_A = new NodeInfo("replica", "10.0.0.5", 6379, "up", 0, 7, "7.0.15", 0, 0,
      "r", false);
  private static final NodeInfo MASTER_WITH_KEYS = new NodeInfo("master", "", 0, "", 0, 7, "7.0.15", 0, 0, "r", false);
  private static final NodeInfo EMPTY_MASTER = new NodeInfo("master", "", 0, "", 0, 0, "7.0.15", 0, 0, "r", false);

  @Test
  void aReplicaWhoseConfNoLongerNamesAMasterIsPromotedKeepingItsData() throws Exception {
    ReplicaRole role = ReplicaRole.of(6380, removed(), REPLICA_OF_A);
    assertEquals(Optional.of(Optional.empty()), role.send());
    assertTrue(role.detail().contains("NO ONE"), role.detail());
  }

  @Test
  void aNodeAlreadyRunningAsTheConfSaysIsSentNothing() throws Exception {
    assertEquals(Optional.empty(), ReplicaRole.of(6380, removed(), MASTER_WITH_KEYS).send());
    assertEquals(Optional.empty(), ReplicaRole.of(6380, to("10.0.0.5", 6379), REPLICA_OF_A).send());
  }

  @Test
  void aReplicaOrAnEmptyMasterIsPointedAtTheNewMaster() throws Exception {
    Address b = new Address("10.0.0.6", 6381);
    assertEquals(Optional.of(Optional.of(b)), ReplicaRole.of(6380, to("10.0.0.6", 6381), REPLICA_OF_A).send());
    assertEquals(Optional.of(Optional.of(b)), ReplicaRole.of(6380, to("10.0.0.6", 6381), EMPTY_MASTER).send());
  }

  @Test
  void aMasterHoldingKeysIsNeverPointedElsewhere() {
    AgentException e = assertThrows(AgentException.class, () -> ReplicaRole.of(6380, to("10.0.0.6", 6381), MASTER_WITH_KEYS));
    assertEquals(AgentException.Kind.NEEDS_OPERATOR, e.kind());
    assertTrue(e.getMessage().contains("7 keys"), e.getMessage());
  }

  private static ConfDiff.Change removed() {
    return ConfDiff.between("replicaof 10.0.0.5 6379\n", "").change("replicaof").orElseThrow();
  }

  private static ConfDiff.Change to(String host, int port) {
    return ConfDiff.between("", "replicaof " + host + " " + port + "\n").change("replicaof").orElseThrow();
  }
}
