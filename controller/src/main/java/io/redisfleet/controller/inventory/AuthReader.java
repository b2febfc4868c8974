package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.RedisAuth;
import io.redisfleet.controller.model.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code auth { password-file | password-env, users { NAME { rules, password-... } } }} of
 * a cluster or replication group.
 */
final class AuthReader {

  static final Set<String> KEYS = Set.of(SecretReader.FILE, SecretReader.ENV, SecretReader.LITERAL, "users");
  static final Set<String> USER_KEYS = Set.of(SecretReader.FILE, SecretReader.ENV, SecretReader.LITERAL, "rules");

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern RULE = Pattern.compile("[!-~]{1,256}");

  private final Values values;
  private final SecretReader secrets;

  AuthReader(Values values, SecretReader secrets) {
    this.values = values;
    this.secrets = secrets;
  }

  /** Nothing for a missing block; a block with problems reports them and gives nothing. */
  Optional<RedisAuth> read(ConfigValue value, String owner) {
    if (value == null) {
      return Optional.empty();
    }
    String where = "auth of " + owner;
    Optional<ConfigObject> object = values.object(value, where, "{ password-file = \"secrets/main.pw\" }");
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ConfigObject o = object.get();
    Keys.check(o, KEYS, "in " + where, values.problems());
    Optional<Secret> password = secrets.read(o, where, true);
    List<RedisAuth.AclUser> users = new ArrayList<>();
    Optional<ConfigObject> usersObject = o.get("users") == null ? Optional.empty()
        : values.object(o.get("users"), "users of " + where, "{ default { rules = \"off\" } }");
    usersObject.ifPresent(u -> Keys.sorted(u).forEach(name -> user(name, u.get(name), where).ifPresent(users::add)));
    return password.map(p -> new RedisAuth(p, users));
  }

  private Optional<RedisAuth.AclUser> user(String name, ConfigValue value, String where) {
    String what = "user \"" + Text.printable(name) + "\" in " + where;
    if (!USER.matcher(name).matches() || name.equals(RedisAuth.FLEET_USER)) {
      values.problems().at(value, what + ": user names are letters, digits, '_', '.', '-'"
          + (name.equals(RedisAuth.FLEET_USER) ? ", and " + RedisAuth.FLEET_USER + " is redis-fleet's own"
          + " user (its password is the auth's password)" : ""));
      return Optional.empty();
    }
    Optional<ConfigObject> object = values.object(value, what, "{ rules = \"on ~app:* +@read\", password-env = \"APP_PW\" }");
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ConfigObject o = object.get();
    Keys.check(o, USER_KEYS, "in " + what, values.problems());
    int before = values.problems().count();
    Optional<Secret> password = secrets.read(o, what, false);
    List<String> rules = rules(o.get("rules"), what);
    if (rules.contains("nopass") && password.isPresent()) {
      values.problems().at(o.get("rules"), what + " has both nopass and a password: keep one");
    }
    return values.problems().count() > before ? Optional.empty()
        : Optional.of(new RedisAuth.AclUser(name, password.stream().toList(), rules));
  }

  private List<String> rules(ConfigValue value, String what) {
    if (value == null) {
      return List.of();
    }
    List<String> tokens = new ArrayList<>();
    if (value instanceof ConfigList list) {
      list.forEach(v -> values.string(v, "rules of " + what).ifPresent(s -> tokens.addAll(split(s))));
    } else {
      values.string(value, "rules of " + what).ifPresent(s -> tokens.addAll(split(s)));
    }
    for (String rule : tokens) {
      if (!RULE.matcher(rule).matches() || "><#!".indexOf(rule.charAt(0)) >= 0 || rule.equals("resetpass")) {
        values.problems().at(value, "rule \"" + Text.printable(rule) + "\" of " + what + " would set a password "
            + "in the inventory; give it with " + SecretReader.FILE + " or " + SecretReader.ENV + " instead");
        return List.of();
      }
    }
    return tokens;
  }

  private static List<String> split(String s) {
    String t = s.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }
}
