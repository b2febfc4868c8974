package io.redisfleet.agent.conf;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.v1.AclUser;
import io.redisfleet.agent.v1.RedisAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a node's authentication: conf lines (requirepass, or masteruser plus an aclfile) and
 * the ACL file. Pure. Passwords go into the conf (which Redis needs in clear for masterauth) and
 * into the ACL file only as SHA-256, and never into a message: errors name the user, not values.
 */
public final class AuthRenderer {

  /** The ACL user redis-fleet itself (agent, controller, replication) authenticates as. */
  public static final String FLEET_USER = "redis-fleet";
  public static final String ACL_FILE = "users.acl";

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /** One ACL rule token: printable ASCII, no spaces, not a password form. */
  private static final Pattern RULE = Pattern.compile("[!-~]{1,256}");

  private AuthRenderer() {}

  /** Conf lines for the auth, in the order a live change must apply them (masterauth first). */
  static List<String> confLines(RedisAuth auth, NodeLayout layout) {
    List<String> lines = new ArrayList<>();
    if (auth.getUsersList().isEmpty()) {
      lines.add(ConfSyntax.line("masterauth", List.of(auth.getPassword())));
      lines.add(ConfSyntax.line("requirepass", List.of(auth.getPassword())));
    } else {
      lines.add(ConfSyntax.line("aclfile", List.of(aclFile(layout).toString())));
      lines.add("masteruser " + FLEET_USER);
      lines.add(ConfSyntax.line("masterauth", List.of(auth.getPassword())));
    }
    return lines;
  }

  public static java.nio.file.Path aclFile(NodeLayout layout) {
    return layout.dataDir().resolve(ACL_FILE);
  }

  /** The ACL file for an auth with users (empty when the auth has none). */
  public static String aclText(RedisAuth auth) {
    if (auth.getUsersList().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("user ").append(FLEET_USER).append(" on #").append(sha256(auth.getPassword()))
        .append(" ~* &* +@all\n");
    boolean hasDefault = auth.getUsersList().stream().anyMatch(u -> u.getName().equals("default"));
    if (!hasDefault) {
      out.append("user default off resetkeys resetchannels -@all\n");
    }
    for (AclUser user : auth.getUsersList()) {
      out.append("user ").append(user.getName()).append(" reset");
      user.getRulesList().forEach(r -> out.append(' ').append(r));
      user.getPasswordsList().forEach(p -> out.append(" #").append(sha256(p)));
      out.append('\n');
    }
    return out.toString();
  }

  static void validate(int port, RedisAuth auth) throws AgentException {
    if (auth.getPassword().isEmpty()) {
      throw invalid(port, "auth.password is empty; a node with auth needs the fleet's password");
    }
    checkSecret(port, "auth.password", auth.getPassword());
    for (AclUser user : auth.getUsersList()) {
      String name = user.getName();
      if (!USER.matcher(name).matches() || name.equals(FLEET_USER)) {
        throw invalid(port, "ACL user name '" + printable(name) + "' must match [A-Za-z0-9_.-]+ and not be "
            + FLEET_USER);
      }
      for (String p : user.getPasswordsList()) {
        checkSecret(port, "the password of ACL user " + name, p);
      }
      for (String rule : user.getRulesList()) {
        if (!RULE.matcher(rule).matches() || "><#!".indexOf(rule.charAt(0)) >= 0
            || rule.equalsIgnoreCase("resetpass") || rule.equalsIgnoreCase("nopass") && !user.getPasswordsList().isEmpty()) {
          throw invalid(port, "ACL user " + name + ": rule '" + printable(rule) + "' is not allowed: rules are"
              + " single printable tokens, and passwords come only from the password fields");
        }
      }
    }
  }

  private static void checkSecret(int port, String what, String secret) throws AgentException {
    if (secret.isEmpty() || secret.length() > 512 || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      // the value itself is never part of the message
      throw invalid(port, what + " must be 1..512 printable ASCII characters without spaces");
    }
  }

  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
        : String.format("\\u%04x", c)));
    return out.toString();
  }

  public static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static AgentException invalid(int port, String message) {
    return new AgentException(Kind.INVALID_REQUEST, "node " + port + ": render conf: " + message);
  }
}
