package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.agent.v1.RunContext;
import org.junit.jupiter.api.Test;

class AgentLogTest {

  @Test
  void tagsRunHostNodeAndStep() {
    AgentLog log = new AgentLog(AgentLogTest.class, "10.0.0.5");
    RunContext run = RunContext.newBuilder().setRunId("1a2b3c4d").setStep("apply-node").build();
    assertEquals("[run=1a2b3c4d host=10.0.0.5 node=7000 step=apply-node] ", log.tag(run, "7000"));
    assertEquals("[host=10.0.0.5] ", log.tag(RunContext.getDefaultInstance(), ""));
  }
}
