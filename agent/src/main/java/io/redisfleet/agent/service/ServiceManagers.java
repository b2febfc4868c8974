package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the ServiceManager for a config: systemd where it runs as PID 1, processes elsewhere. */
public final class ServiceManagers {

  private ServiceManagers() {}

  public static ServiceManager choose(AgentConfig config) {
    return switch (config.backend()) {
      case PROCESS, AUTO -> new ProcessServiceManager(config);
      // TODO(systemd): SYSTEMD, and AUTO when systemdRunning(), -> new SystemdServiceManager(config).
      case SYSTEMD -> throw new IllegalArgumentException("the systemd backend is not in this build");
    };
  }

  /** True when systemd is the init system (its runtime directory exists). */
  public static boolean systemdRunning() {
    return Files.isDirectory(Path.of("/run/systemd/system"));
  }
}
