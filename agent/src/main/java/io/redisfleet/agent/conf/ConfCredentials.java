package io.redisfleet.agent.conf;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.redis.Credentials;
import io.redisfleet.agent.redis.NodeTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a node's credentials back from the conf the agent wrote (masteruser/masterauth are the
 * fleet's own login to every node), so no second copy of the secret lives anywhere on the host.
 */
public final class ConfCredentials implements Credentials.Source {

  private final AgentConfig config;

  public ConfCredentials(AgentConfig config) {
    this.config = config;
  }

  @Override
  public Optional<Credentials> forPort(int port) {
    if (!io.redisfleet.contract.Ports.validNode(port)) {
      return Optional.empty();
    }
    Path conf = config.node(port).confFile();
    try {
      return Files.exists(conf) ? of(Files.readString(conf)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the call then fails with NOAUTH, naming the node
    }
  }

  /** The login of the previous conf (kept while a change is applied), if it has one. */
  @Override
  public java.util.List<Credentials> fallbacks(int port) {
    if (!io.redisfleet.contract.Ports.validNode(port)) {
      return java.util.List.of();
    }
    Path previous = config.node(port).previousConfFile();
    try {
      return Files.exists(previous) ? of(Files.readString(previous)).stream().toList() : java.util.List.of();
    } catch (IOException e) {
      return java.util.List.of();
    }
  }

  @Override
  public Optional<NodeTls> tls(int port) {
    if (!io.redisfleet.contract.Ports.validNode(port)) {
      return Optional.empty();
    }
    Path conf = config.node(port).confFile();
    try {
      return Files.exists(conf) ? tlsOf(Files.readString(conf)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the call then fails at the handshake, naming the node
    }
  }

  /** The TLS files a conf text names, if the node serves TLS (tls-port set). */
  public static Optional<NodeTls> tlsOf(String conf) {
    Map<String, List<List<String>>> byName = ConfDiff.parse(conf);
    if (last(byName, "tls-port").isEmpty()) {
      return Optional.empty();
    }
    Optional<String> ca = last(byName, "tls-ca-cert-file");
    Optional<String> cert = last(byName, "tls-cert-file");
    Optional<String> key = last(byName, "tls-key-file");
    return ca.isPresent() && cert.isPresent() && key.isPresent()
        ? Optional.of(new NodeTls(Path.of(ca.get()), Path.of(cert.get()), Path.of(key.get())))
        : Optional.empty();
  }

  /** The credentials a conf text carries, if it sets masterauth. */
  public static Optional<Credentials> of(String conf) {
    Map<String, List<List<String>>> byName = ConfDiff.parse(conf);
    Optional<String> password = last(byName, "masterauth");
    return password.map(p -> new Credentials(last(byName, "masteruser"), p));
  }

  private static Optional<String> last(Map<String, List<List<String>>> byName, String name) {
    List<List<String>> all = byName.getOrDefault(name, List.of());
    return all.isEmpty() || all.get(all.size() - 1).isEmpty() ? Optional.empty()
        : Optional.of(all.get(all.size() - 1).get(0));
  }
}
