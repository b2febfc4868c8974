package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.v1.AgentGrpc;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformed inventory of the corpus, pointed at a recording agent on loopback, makes
 * {@code apply} fail with exit 1 before any RPC reaches the agent; so does --strict on a
 * topology that cannot survive losing a host.
 */
class InvalidReachesNoAgentIT {

  @TempDir
  Path dir;

  @Test
  void noAgentHearsAnythingFromAnInvalidInventory() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        calls.add(call.getMethodDescriptor().getFullMethodName());
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {};
      }
    };
    Server agent = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new AgentGrpc.AgentImplBase() {}, recorder)).build().start();
    try {
      int port = agent.getPort();
      Path src = Path.of("src/test/resources/inventory/invalid");
      int checked = 0;
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path target = dir.resolve(src.relativize(f).toString());
          Files.createDirectories(target.getParent());
          String text = Files.readString(f).replaceAll("10\\.0\\.0\\.\\d+", "127.0.0.1");
          if (f.getParent().equals(src) && f.toString().endsWith(".conf")) {
            text += "\nhosts.h1.agent-port = " + port + "\nhosts.h2.agent-port = " + port + "\n";
          }
          Files.writeString(target, text);
        }
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
          Cli apply = Cli.run("apply", f.toString(), "--json");
          assertEquals(1, apply.exit(), f + "\n" + apply);
          assertTrue(calls.isEmpty(), f + " reached the agent: " + calls);
          checked++;
        }
      }
      assertTrue(checked >= 50, "corpus has only " + checked + " inventories");

      Path spof = dir.resolve("spof.conf");
      Files.writeString(spof, String.join("\n",
          "hosts { a { address = \"127.0.0.1\", agent-port = " + port + " }, b { address = \"127.0.0.2\", agent-port = "
              + port + " } }",
          "clusters.main { replicas = 1, nodes = [ \"a:7100\", \"a:7101\", \"a:7102\", \"b:7103\", \"b:7104\", \"b:7105\" ] }",
          ""));
      for (String command : List.of("validate", "plan", "apply")) {
        Cli strict = Cli.run(command, spof.toString(), "--strict");
        assertEquals(1, strict.exit(), strict.toString());
        assertTrue(strict.err().contains("cannot survive losing host a"), strict.toString());
      }
      Cli warned = Cli.run("validate", spof.toString());
      assertEquals(0, warned.exit(), warned.toString());
      assertTrue(warned.err().contains("warning: cluster main cannot survive losing host a"), warned.toString());
      assertTrue(calls.isEmpty(), "reached the agent: " + calls);
    } finally {
      agent.shutdownNow();
    }
  }
}
