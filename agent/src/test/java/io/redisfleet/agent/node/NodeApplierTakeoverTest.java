package io.redisfleet.agent.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.service.ServiceStatus;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.NodeSpec;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ApplyNode on a backend that takes the node's port over: reported as part of the change, before the start. */
class NodeApplierTakeoverTest {

  private static final int FIRST_PORT = 31000;
  private static final int LAST_PORT = 32767;

  @TempDir Path dir;

  @Test
  void takeoverIsReportedInTheChangeAndHappensBeforeTheStart() throws Exception {
    int port = freePort();
    TakingOverServices services = new TakingOverServices(Optional.empty());
    ApplyNodeResponse r = new NodeApplier(config(), services, pingingRedis()).apply(spec(port), false);
    assertTrue(r.getChanged());
    assertEquals("conf created, started; stopped and disabled distro.service, which held port " + port, r.getDetail());
    assertEquals(List.of("status", "status", "takeOverPort", "start", "status"), services.calls);
  }

  @Test
  void confGoesToTheGroupTheBackendRunsNodesAs() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to hand files to another group");
    int port = freePort();
    new NodeApplier(config(), new TakingOverServices(Optional.of("daemon")), pingingRedis()).apply(spec(port), false);
    Path conf = config().node(port).confFile();
    assertEquals("daemon", Files.readAttributes(conf, PosixFileAttributes.class).group().getName());
    assertEquals("daemon", Files.readAttributes(conf.getParent(), PosixFileAttributes.class).group().getName());
  }

  private AgentConfig config() {
    return AgentConfig.underStateDir(dir, "127.0.0.1", AgentConfig.Backend.PROCESS);
  }

  private static NodeSpec spec(int port) {
    return NodeSpec.newBuilder().setPort(port).build();
  }

  /**
   * The first free port from 31000 up: a node's port must be at most 55535 (its bus port is
   * +10000), and below the kernel's ephemeral range (32768 up) no outgoing connection takes it.
   */
  private static int freePort() {
    for (int port = FIRST_PORT; port <= LAST_PORT; port++) {
      if (PortProbe.isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST_PORT + ".." + LAST_PORT);
  }

  /**
   * Only PING is needed: the node "answers" once started (the login hint is only remembered); its
   * INFO, asked for the start record, is unknown (the record is then skipped).
   */
  private static RedisAdmin pingingRedis() {
    return (RedisAdmin) Proxy.newProxyInstance(RedisAdmin.class.getClassLoader(), new Class<?>[] {RedisAdmin.class},
        (proxy, method, args) -> {
          if (method.getName().equals("ping") || method.getName().equals("hintLogin")) {
            return null;
          }
          if (method.getName().equals("info")) {
            throw new io.redisfleet.agent.AgentException(io.redisfleet.agent.AgentException.Kind.RETRYABLE, "no INFO here");
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Records calls; holds the port "for the distro" until takeOverPort, then starts the node. */
  private static final class TakingOverServices implements ServiceManager {
    final List<String> calls = new ArrayList<>();
    final Optional<String> group;
    boolean running;

    TakingOverServices(Optional<String> group) {
      this.group = group;
    }

    @Override public String backendName() {
      return "fake";
    }
    @Override public List<String> confLines(NodeLayout node) {
      return List.of("daemonize no");
    }
    @Override public Optional<String> takeOverPort(NodeLayout node, Duration timeout) {
      calls.add("takeOverPort");
      return Optional.of("stopped and disabled distro.service, which held port " + node.port());
    }
    @Override public Optional<String> confReaderGroup() {
      return group;
    }
    @Override public void start(NodeLayout node, Duration timeout) {
      calls.add("start");
      running = true;
    }
    @Override public void stop(NodeLayout node, Duration timeout) {
      calls.add("stop");
    }
    @Override public void restart(NodeLayout node, Duration timeout) {
      calls.add("restart");
    }
    @Override public ServiceStatus status(NodeLayout node) {
      calls.add("status");
      return running ? new ServiceStatus(true, 42, 1) : ServiceStatus.stopped();
    }
    @Override public void remove(NodeLayout node, Duration timeout) {
      calls.add("remove");
    }
  }
}
