package io.redisfleet.agent.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.service.ServiceStatus;
import io.redisfleet.agent.v1.NodeState;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A managed node's port answered by another process is reported as not reachable, never as the node. */
class NodeObserverIdentityTest {

  private static final int PORT = 6390;

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void anotherProcessOnTheNodesPortIsNotTheNode() throws Exception {
    NodeState s = observe(77);
    assertFalse(s.getReachable());
    assertTrue(s.getError().contains("pid 77") && s.getError().contains("pid 42"), s.getError());
    assertEquals(77, s.getProcessId());
    assertEquals(0, s.getKeys(), "the foreign server's keys are not reported as the node's");
  }

  @Test
  void theNodesOwnProcessIsTheNode() throws Exception {
    NodeState s = observe(42);
    assertTrue(s.getReachable(), s.getError());
    assertEquals(5, s.getKeys());
  }

  private NodeState observe(long answeringPid) throws Exception {
    AgentConfig config = AgentConfig.underStateDir(dir, "127.0.0.1", AgentConfig.Backend.PROCESS);
    Path conf = config.node(PORT).confFile();
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, "port " + PORT + "\n");
    NodeInfo info = new NodeInfo("master", "", 0, "", 0, 5, "7.0.15", 0, 0, "r", false, answeringPid, List.of());
    RedisAdmin redis = (RedisAdmin) Proxy.newProxyInstance(RedisAdmin.class.getClassLoader(),
        new Class<?>[] {RedisAdmin.class}, (proxy, method, args) -> {
          if (method.getName().equals("snapshot")) {
            return new RedisAdmin.Snapshot(info, Optional.empty());
          }
          if (method.getName().equals("configGet")) {
            return java.util.Map.of(); // the write fence's setting: not reported, not fenced
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return new NodeObserver(config, new RunningAs42(), redis, pool).observe(List.of(PORT)).get(0);
  }

  /** The backend runs the node as PID 42. */
  private static final class RunningAs42 implements ServiceManager {
    @Override public String backendName() {
      return "fake";
    }
    @Override public List<String> confLines(NodeLayout node) {
      return List.of();
    }
    @Override public Optional<String> takeOverPort(NodeLayout node, Duration timeout) {
      return Optional.empty();
    }
    @Override public Optional<String> confReaderGroup() {
      return Optional.empty();
    }
    @Override public void start(NodeLayout node, Duration timeout) {}
    @Override public void stop(NodeLayout node, Duration timeout) {}
    @Override public void restart(NodeLayout node, Duration timeout) {}
    @Override public ServiceStatus status(NodeLayout node) {
      return new ServiceStatus(true, 42, 1);
    }
    @Override public void remove(NodeLayout node, Duration timeout) {}
  }
}
