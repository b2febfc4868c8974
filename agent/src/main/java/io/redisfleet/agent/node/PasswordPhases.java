package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.conf.AuthRenderer;
import io.redisfleet.agent.conf.ConfCredentials;
import io.redisfleet.agent.conf.ConfSyntax;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.Credentials;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.v1.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The node's side of a shard-wide password change (see PasswordRotation in agent.proto). The
 * controller runs each phase on every node of a cluster or group before the next, so a replica
 * always logs in to its master: first every node also accepts the new password (ACL SETUSER
 * login >new, live and additive), then every node uses it as masterauth, then a plain apply drops
 * the rest ({@link #dropOthers}). The login user is "default" (password only) or redis-fleet (with
 * ACL users). Passwords are compared by SHA-256, the form ACL GETUSER reports; none is ever in a
 * message or response.
 */
final class PasswordPhases {

  /** Where the node stands relative to spec.auth.password. */
  record Flags(boolean acceptPending, boolean switchPending, boolean othersAccepted) {
    static final Flags NONE = new Flags(false, false, false);
  }

  private final RedisAdmin redis;

  PasswordPhases(RedisAdmin redis) {
    this.redis = redis;
  }

  /**
   * The flags for a running node whose conf already carries auth of the spec's kind (password only
   * or ACL users); {@link Flags#NONE} otherwise: a first-time or changed kind of auth is a plain apply.
   */
  Flags flags(NodeLayout node, NodeSpec spec, Optional<String> existing, boolean running) {
    Optional<Credentials> conf = existing.flatMap(ConfCredentials::of);
    if (!spec.hasAuth() || !running || conf.isEmpty() || !conf.get().user().equals(login(spec).filter(u -> !u.equals("default")))) {
      return Flags.NONE;
    }
    String password = spec.getAuth().getPassword();
    Optional<List<String>> live = liveHashes(node.port(), spec);
    String hash = AuthRenderer.sha256(password);
    boolean accepts = live.map(h -> h.contains(hash)).orElse(true);
    boolean others = live.map(h -> h.stream().anyMatch(x -> !x.equals(hash))).orElse(false);
    return new Flags(!accepts, !conf.get().password().equals(password), others);
  }

  /** Phase 1: the login user also accepts the new password. */
  void acceptNew(NodeLayout node, NodeSpec spec) throws AgentException {
    redis.aclSetUser(node.port(), login(spec).orElseThrow(), List.of(">" + spec.getAuth().getPassword()));
  }

  /** Phase 2: masterauth live, then the conf text with masterauth (and requirepass) on the new password. */
  String switchMasterauth(NodeLayout node, NodeSpec spec, String existing) throws AgentException {
    acceptNew(node, spec); // idempotent; the agent's own login uses the new conf right after
    redis.configSet(node.port(), "masterauth", spec.getAuth().getPassword());
    List<String> out = new ArrayList<>();
    boolean passwordOnly = spec.getAuth().getUsersList().isEmpty();
    for (String line : existing.split("\n", -1)) {
      List<String> words = ConfSyntax.split(line);
      String name = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
      boolean replace = name.equals("masterauth") || passwordOnly && name.equals("requirepass");
      out.add(replace ? ConfSyntax.line(name, List.of(spec.getAuth().getPassword())) : line);
    }
    return String.join("\n", out);
  }

  /** After a plain apply: the login user accepts the spec's password only (ACL SETUSER resetpass). */
  void dropOthers(NodeLayout node, NodeSpec spec) throws AgentException {
    String hash = AuthRenderer.sha256(spec.getAuth().getPassword());
    Optional<List<String>> live = liveHashes(node.port(), spec);
    if (live.isPresent() && !live.get().equals(List.of(hash))) {
      redis.aclSetUser(node.port(), login(spec).orElseThrow(), List.of("resetpass", ">" + spec.getAuth().getPassword()));
    }
  }

  private Optional<List<String>> liveHashes(int port, NodeSpec spec) {
    try {
      return Optional.of(redis.aclPasswordHashes(port, login(spec).orElseThrow()));
    } catch (AgentException e) {
      return Optional.empty(); // unknown: no phase is derived from it, the plain apply reports the node
    }
  }

  /** The user the fleet logs in as: default (password only) or redis-fleet (ACL users). */
  static Optional<String> login(NodeSpec spec) {
    return !spec.hasAuth() ? Optional.empty()
        : Optional.of(spec.getAuth().getUsersList().isEmpty() ? "default" : AuthRenderer.FLEET_USER);
  }
}
