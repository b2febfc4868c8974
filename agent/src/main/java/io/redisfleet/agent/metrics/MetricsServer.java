package io.redisfleet.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GET /metrics over plain HTTP with the JDK's own server (no dependency). Loopback by default
 * (--metrics-listen): the numbers say which ports run Redis and how full they are, so exposing
 * them on a network address is the operator's explicit choice. One scrape at a time.
 */
public final class MetricsServer implements AutoCloseable {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static MetricsServer start(InetSocketAddress at, Callable<AgentMetrics.Facts> facts, Clock clock)
      throws IOException {
    HttpServer server = HttpServer.create(at, 8);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> serve(exchange, facts, clock));
    server.start();
    return new MetricsServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Callable<AgentMetrics.Facts> facts, Clock clock) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      int code;
      try {
        body = AgentMetrics.render(facts.call(), clock).getBytes(StandardCharsets.UTF_8);
        code = 200;
      } catch (Exception e) {
        body = ("metrics unavailable: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        code = 500;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(code, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
