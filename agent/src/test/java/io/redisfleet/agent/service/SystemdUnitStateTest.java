package io.redisfleet.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystemdUnitStateTest {

  @Test
  void parsesARunningUnit() {
    SystemdUnitState state = SystemdUnitState.parse(
        "MainPID=4242\nActiveState=active\nExecMainStartTimestamp=@1732539900.250\n");
    assertEquals(new SystemdUnitState("active", 4242, 1732539900250L), state);
    assertEquals(new ServiceStatus(true, 4242, 1732539900250L), state.toStatus());
  }

  @Test
  void parsesAStoppedUnitWithEmptyTimestamp() {
    SystemdUnitState state = SystemdUnitState.parse("MainPID=0\nActiveState=inactive\nExecMainStartTimestamp=\n");
    assertTrue(state.isDown());
    assertEquals(ServiceStatus.stopped(), state.toStatus());
  }

  @Test
  void aDeactivatingUnitStillHasItsProcessButIsNotDown() {
    SystemdUnitState state = SystemdUnitState.parse("ActiveState=deactivating\nMainPID=7\n");
    assertFalse(state.isDown());
    assertTrue(state.toStatus().running());
  }

  @Test
  void anActivatingUnitIsNotRunningYet() {
    assertFalse(SystemdUnitState.parse("ActiveState=activating\nMainPID=7\n").toStatus().running());
  }

  @Test
  void rejectsOutputWithoutActiveState() {
    assertThrows(IllegalArgumentException.class, () -> SystemdUnitState.parse("MainPID=1\n"));
  }

  @Test
  void distroPortIsTheLastPortDirective() {
    assertEquals(6379, SystemdDistroRedis.portOf("bind 127.0.0.1\n# port 7000\n"));
    assertEquals(6380, SystemdDistroRedis.portOf("port 6379\n  port   6380\n"));
    assertEquals(0, SystemdDistroRedis.portOf("port 0\n"));
  }
}
