package io.redisfleet.agent.redis;

import java.util.Objects;
import java.util.Optional;

/**
 * How the agent authenticates to one of its nodes. The password is secret: toString hides it.
 *
 * @param user the ACL user; empty means the default user (requirepass)
 */
public record Credentials(Optional<String> user, String password) {

  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** Where the agent finds a node's credentials; empty when the node needs none. */
  @FunctionalInterface
  public interface Source {
    Optional<Credentials> forPort(int port);

    /**
     * Other logins that may open the node when {@link #forPort} does not: during a change that
     * is half applied the node may still (or already) want another password than the conf on disk.
     */
    default java.util.List<Credentials> fallbacks(int port) {
      return java.util.List.of();
    }

    /** The TLS files to dial the node with; empty when it serves plaintext. */
    default Optional<NodeTls> tls(int port) {
      return Optional.empty();
    }

    static Source none() {
      return port -> Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user.orElse("default") + ", password=***]";
  }
}
