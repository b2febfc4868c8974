package io.redisfleet.controller.agentclient;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an agent could not be talked to, in the words an operator acts on: gRPC reports them all
 * as UNAVAILABLE ("io exception"), the cause is only in the exception chain (Netty's connect
 * exception says "Connection refused", its connect timeout has its own class).
 */
final class CallFailures {

  private CallFailures() {}

  /** "connection refused", "no answer within 30s (deadline)", …, or gRPC's own description. */
  static String cause(StatusRuntimeException e, Duration deadline) {
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      return "no answer within " + human(deadline) + " (deadline exceeded: the agent is overloaded, stopped, or"
          + " a firewall drops the packets)";
    }
    return fromChain(e).orElseGet(() -> code + (e.getStatus().getDescription() == null ? ""
        : ": " + e.getStatus().getDescription()));
  }

  private static Optional<String> fromChain(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      String type = t.getClass().getSimpleName();
      if (type.equals("ConnectTimeoutException") || message.contains("connection timed out")) {
        return Optional.of("connect timed out (host down, wrong address, or a firewall drops the packets)");
      }
      if (t instanceof NoRouteToHostException || message.contains("no route to host")) {
        return Optional.of("no route to host");
      }
      if (t instanceof UnknownHostException) {
        return Optional.of("unknown host name " + t.getMessage());
      }
      if (t instanceof ConnectException || message.contains("connection refused")) {
        return Optional.of("connection refused (no agent listening there: is redis-fleet-agent running,"
            + " and its --listen address the one the inventory names?)");
      }
      if (message.contains("connection reset")) {
        return Optional.of("connection reset by the agent");
      }
    }
    return Optional.empty();
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
