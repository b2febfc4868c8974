package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.server.ServerDirectives;
import io.redisfleet.agent.server.ServerFactsFile;
import io.redisfleet.agent.server.ServerVersion;
import io.redisfleet.agent.service.RedisBinary;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.service.ServiceManagers;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.InstalledServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** GetHostFacts: read from the local system only (no DNS: the hostname comes from the kernel). */
public final class HostFactsReader {

  private final AgentConfig config;
  private final ServiceManager services;

  public HostFactsReader(AgentConfig config, ServiceManager services) {
    this.config = config;
    this.services = services;
  }

  public HostFacts read() throws AgentException {
    List<InstalledServer> servers = servers();
    Optional<InstalledServer> first = servers.stream().findFirst();
    Path stateDir = commonParent(config.confDir(), config.dataRoot());
    return HostFacts.newBuilder()
        .setEngine(first.map(InstalledServer::getEngine).orElse(""))
        .addAllServers(servers)
        .addAllServerDirectives(first.<List<String>>map(InstalledServer::getDirectivesList).orElse(List.of()))
        .setServerDirectivesError(first.map(InstalledServer::getDirectivesError).orElse("no server binary found"))
        .setHostname(hostname())
        .setAgentVersion(agentVersion())
        .setRedisServerPath(first.map(InstalledServer::getPath).orElse(""))
        .setRedisVersion(first.map(InstalledServer::getVersion).orElse(""))
        .setSystemdRunning(ServiceManagers.systemdRunning())
        .setServiceBackend(services.backendName())
        .addAllManagedPorts(ManagedPorts.list(config.confDir()))
        .setStateDir(stateDir.toString())
        .build();
  }

  /** One per engine (a second binary of the same engine is never picked, so it is not listed). */
  private List<InstalledServer> servers() {
    List<InstalledServer> out = new ArrayList<>();
    Set<String> engines = new HashSet<>();
    ServerFactsFile saved = new ServerFactsFile(config.dataRoot().resolve("server-facts"));
    for (Path binary : RedisBinary.installed(config)) {
      Optional<ServerFactsFile.Entry> known = saved.read(binary);
      ServerVersion version = known.map(ServerFactsFile.Entry::version).orElseGet(() -> serverVersion(binary));
      if (!engines.add(version.engine())) {
        continue;
      }
      ServerDirectives.Probe accepted = known.map(k -> new ServerDirectives.Probe(k.directives(), ""))
          .orElseGet(() -> ServerDirectives.of(binary));
      if (known.isEmpty() && version.known() && accepted.error().isEmpty()) {
        saved.write(binary, new ServerFactsFile.Entry(version, accepted.names()));
      }
      out.add(InstalledServer.newBuilder().setEngine(version.engine()).setVersion(version.version())
          .setPath(binary.toString()).addAllDirectives(accepted.names()).setDirectivesError(accepted.error()).build());
    }
    return out;
  }

  public static String agentVersion() {
    String v = HostFactsReader.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  private static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "");
    }
  }

  /** "Redis server v=7.0.15 sha=..." gives "7.0.15", "Valkey server v=8.0.1" "8.0.1"; "" when it cannot be run. */
  public static String redisVersion(Path binary) {
    return serverVersion(binary).version();
  }

  /**
   * The version of each binary by its identity (real path, size, mtime), as {@link ServerDirectives}
   * caches its probe: every GetHostFacts (each plan and apply asks several times) would otherwise
   * spawn {@code redis-server --version}. Replacing the binary (an upgrade) changes the key.
   */
  private static final java.util.Map<String, ServerVersion> VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The engine and version the binary's --version prints; UNKNOWN when it cannot be run. */
  public static ServerVersion serverVersion(Path binary) {
    String key;
    try {
      key = binary.toRealPath() + ":" + Files.size(binary) + ":" + Files.getLastModifiedTime(binary).toMillis();
    } catch (IOException e) {
      return ServerVersion.UNKNOWN;
    }
    ServerVersion known = VERSIONS.get(key);
    if (known != null) {
      return known;
    }
    ServerVersion read = runVersion(binary);
    if (!read.equals(ServerVersion.UNKNOWN)) {
      VERSIONS.put(key, read); // a failed run is retried next time
    }
    return read;
  }

  private static ServerVersion runVersion(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return ServerVersion.UNKNOWN;
      }
      return ServerVersion.ofVersionOutput(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return ServerVersion.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ServerVersion.UNKNOWN;
    }
  }

  private static Path commonParent(Path a, Path b) {
    Path p = a;
    while (p != null && !b.startsWith(p)) {
      p = p.getParent();
    }
    return p == null || p.getParent() == null ? b : p; // the .deb layout has no common root: data it is
  }
}
