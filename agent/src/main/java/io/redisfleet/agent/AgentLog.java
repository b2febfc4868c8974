package io.redisfleet.agent;

import io.redisfleet.agent.v1.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent log lines an operator can follow across hosts: every line is prefixed with
 * {@code [run=… host=… node=… step=…]} from the request's {@link RunContext}, so
 * {@code grep run=1a2b3c4d} over all hosts' journals shows one controller run. In the message
 * rather than the MDC because slf4j-simple prints no MDC.
 */
public final class AgentLog {

  private final Logger log;
  private final String host;

  public AgentLog(Class<?> owner, String host) {
    this.log = LoggerFactory.getLogger(owner);
    this.host = host;
  }

  /** "[run=1a2b3c4d host=10.0.0.5 node=7000 step=apply-node] "; fields without a value are left out. */
  public String tag(RunContext run, String node) {
    StringBuilder b = new StringBuilder("[");
    append(b, "run", run.getRunId());
    append(b, "host", host);
    append(b, "node", node);
    append(b, "step", run.getStep());
    return b.append("] ").toString();
  }

  public void info(RunContext run, String node, String message) {
    log.info("{}{}", tag(run, node), message);
  }

  public void warn(RunContext run, String node, String message) {
    log.warn("{}{}", tag(run, node), message);
  }

  public void error(RunContext run, String node, String message, Throwable cause) {
    log.error("{}{}", tag(run, node), message, cause);
  }

  private static void append(StringBuilder b, String key, String value) {
    if (!value.isEmpty()) {
      b.append(b.length() > 1 ? " " : "").append(key).append('=').append(value);
    }
  }
}
