package io.redisfleet.agent;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A running agent: the Agent service plus the standard gRPC health service on whatever
 * transport the caller's ServerBuilder provides (Netty with or without TLS for the daemon,
 * in-process for the embedded agent and tests).
 */
public final class AgentServer implements AutoCloseable {

  private static final long GRACE_SECONDS = 5;

  private final Server server;
  private final AgentService service;
  private final HealthStatusManager health;

  private AgentServer(Server server, AgentService service, HealthStatusManager health) {
    this.server = server;
    this.service = service;
    this.health = health;
  }

  /** The service alone, for callers that assemble their own server. */
  public static AgentService service(AgentConfig config) {
    return AgentService.create(config);
  }

  public static AgentServer start(ServerBuilder<?> builder, AgentConfig config) throws IOException {
    return start(builder, service(config));
  }

  /** Serves a service the caller assembled (tests: a fake system root); closes it on failure. */
  public static AgentServer start(ServerBuilder<?> builder, AgentService service) throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    Server server = builder.addService(service).addService(health.getHealthService()).build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(io.redisfleet.agent.v1.AgentGrpc.SERVICE_NAME, ServingStatus.SERVING);
    return new AgentServer(server, service, health);
  }

  /** The service this server runs (the metrics endpoint reads its nodes and last apply). */
  public AgentService service() {
    return service;
  }

  /** The listening port (-1 for an in-process server). */
  public int port() {
    return server.getPort();
  }

  /** Stops taking calls, lets running ones finish for a few seconds, then cancels the rest. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      service.close();
    }
  }

  /** Blocks until the server terminates. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
