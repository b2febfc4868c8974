package io.redisfleet.agent.tls;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.LoggerFactory;

/**
 * Lets only the fleet controller's identity call the agent. The TLS handshake already proved the
 * peer holds a certificate of the fleet CA with clientAuth, but so do the Redis node certificates
 * (on every host, readable by the redis group) and the controller's Redis client certificate; the
 * controller's own certificate is the only one carrying {@link ControllerRole#URI}, which only
 * {@code controller pki issue controller} writes. Every other caller gets PERMISSION_DENIED naming
 * the reason, and the agent's log says who was refused.
 *
 * <p>A call without a TLS session passes: the agent serves plaintext only on loopback
 * ({@link ListenPolicy}), and in-process for the embedded agent.
 */
public final class ControllerOnly implements ServerInterceptor {

  private final Consumer<String> log;

  public ControllerOnly(Consumer<String> log) {
    this.log = log;
  }

  public ControllerOnly() {
    this(LoggerFactory.getLogger(ControllerOnly.class)::warn);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return next.startCall(call, headers);
    }
    ControllerRole.Verdict verdict;
    try {
      verdict = ControllerRole.judge(session.getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      verdict = new ControllerRole.Verdict(false, "no client certificate", "");
    }
    if (verdict.controller()) {
      return next.startCall(call, headers);
    }
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String reason = "the client certificate " + verdict.subject() + " is not the fleet controller's: "
        + verdict.reason() + "; only a certificate from 'controller pki issue controller' (role "
        + ControllerRole.URI + ") may command an agent";
    log.accept("agent: refused " + call.getMethodDescriptor().getFullMethodName() + " from " + peer + ": " + reason);
    call.close(Status.PERMISSION_DENIED.withDescription("agent refused the call: " + reason), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
