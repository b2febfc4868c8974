package io.redisfleet.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.v1.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent's real log lines (slf4j-simple through {@link AgentLog}) reach the journal with their
 * priority: journald keeps {@code <N>} as the entry's priority, so {@code journalctl -p warning}
 * finds warnings and errors, stack traces included, and the run tag stays on every line.
 */
class JournalPrioritiesTest {

  @Test
  void eachLevelGetsItsPriorityAndATraceKeepsItsLines() {
    ByteArrayOutputStream journal = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(new JournalPriorities(journal), true, StandardCharsets.UTF_8));
    try {
      AgentLog log = new AgentLog(JournalPrioritiesTest.class, "10.0.0.5");
      RunContext run = RunContext.newBuilder().setRunId("1a2b3c4d").setStep("apply-node").build();
      log.info(run, "7000", "applied");
      log.warn(run, "7000", "lease broken");
      log.error(run, "7000", "apply-node failed unexpectedly", new IllegalStateException("boom"));
      log.info(run, "7001", "after");
    } finally {
      System.setErr(original);
    }
    List<String> lines = journal.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).startsWith("<6>") && lines.get(0).contains("[run=1a2b3c4d host=10.0.0.5 node=7000"
        + " step=apply-node] applied"), lines.get(0));
    assertTrue(lines.get(1).startsWith("<4>") && lines.get(1).contains("lease broken"), lines.get(1));
    assertTrue(lines.get(2).startsWith("<3>") && lines.get(2).contains("[run=1a2b3c4d"), lines.get(2));
    List<String> trace = lines.subList(3, lines.size() - 1);
    assertTrue(trace.size() > 2 && trace.get(0).contains("IllegalStateException: boom"), trace.toString());
    trace.forEach(l -> assertTrue(l.startsWith("<3>"), "a trace line keeps its error's priority: " + l));
    assertTrue(lines.get(lines.size() - 1).startsWith("<6>"), lines.get(lines.size() - 1));
  }

  @Test
  void javaUtilLoggingLevelsToo() {
    assertEquals(JournalPriorities.WARNING, JournalPriorities.priority("WARNING: [Channel<1>] failed").getAsInt());
    assertEquals(JournalPriorities.ERR, JournalPriorities.priority("SEVERE: exception").getAsInt());
    assertTrue(JournalPriorities.priority("\tat io.grpc.Foo(Foo.java:1)").isEmpty());
  }

  @Test
  void onlyWhenStderrIsTheJournal() {
    PrintStream before = System.err;
    JournalPriorities.installIfJournal(Map.of());
    assertEquals(before, System.err, "not under systemd: stderr untouched");
  }
}
