package io.redisfleet.agent.host;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.EndpointProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * ProbeEndpoints: one TCP connect per endpoint, closed at once, nothing sent. A refused connect
 * still proves the path is open (the host answered); only a timeout or no route means a peer
 * cannot reach the port. The controller sends only its inventory's addresses; the agent bounds
 * the count and the timeout so a request cannot turn it into a scanner.
 */
public final class EndpointProber {

  private static final int MAX_ENDPOINTS = 4096;
  private static final int MAX_TIMEOUT_MS = 5000;

  private final ExecutorService pool;

  public EndpointProber(ExecutorService pool) {
    this.pool = pool;
  }

  public List<EndpointProbe> probe(List<Endpoint> endpoints, int timeoutMs) throws AgentException {
    if (endpoints.size() > MAX_ENDPOINTS) {
      throw new AgentException(Kind.INVALID_REQUEST, "ProbeEndpoints: " + endpoints.size()
          + " endpoints, at most " + MAX_ENDPOINTS);
    }
    int timeout = timeoutMs <= 0 ? 1000 : Math.min(timeoutMs, MAX_TIMEOUT_MS);
    List<Future<EndpointProbe>> futures = new ArrayList<>();
    endpoints.forEach(e -> futures.add(pool.submit(() -> probe(e, timeout))));
    List<EndpointProbe> out = new ArrayList<>();
    try {
      for (Future<EndpointProbe> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(Kind.RETRYABLE, "ProbeEndpoints: interrupted", e);
    } catch (ExecutionException e) {
      throw new AgentException(Kind.FATAL, "ProbeEndpoints: " + e.getCause(), e.getCause());
    }
    return out;
  }

  static EndpointProbe probe(Endpoint endpoint, int timeoutMs) {
    EndpointProbe.Builder out = EndpointProbe.newBuilder().setEndpoint(endpoint);
    if (endpoint.getPort() < 1024 || endpoint.getPort() > io.redisfleet.contract.Ports.MAX) {
      // node and bus ports only: the agent is no port scanner for ssh and other privileged services
      return out.setResult("error").setDetail("port " + endpoint.getPort() + " out of range 1024.." + io.redisfleet.contract.Ports.MAX).build();
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), timeoutMs);
      return out.setResult("open").build();
    } catch (ConnectException e) {
      boolean refused = String.valueOf(e.getMessage()).contains("refused");
      return out.setResult(refused ? "closed" : "error").setDetail(String.valueOf(e.getMessage())).build();
    } catch (SocketTimeoutException e) {
      return out.setResult("timeout").setDetail("no answer within " + timeoutMs + " ms").build();
    } catch (IOException | IllegalArgumentException e) {
      return out.setResult("error").setDetail(String.valueOf(e.getMessage())).build();
    }
  }
}
