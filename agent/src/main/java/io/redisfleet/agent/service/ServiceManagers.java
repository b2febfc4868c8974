package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the ServiceManager for a config: systemd where it runs as PID 1, processes elsewhere. */
public final class ServiceManagers {

  private ServiceManagers() {}

  public static ServiceManager choose(AgentConfig config) {
    return switch (config.backend()) {
      case PROCESS -> new ProcessServiceManager(config);
      case SYSTEMD -> new SystemdServiceManager(config);
      case AUTO -> systemdRunning() ? new SystemdServiceManager(config) : new ProcessServiceManager(config);
    };
  }

  /** True when systemd is the init system (its runtime directory exists). */
  public static boolean systemdRunning() {
    return Files.isDirectory(Path.of("/run/systemd/system"));
  }
}
