package io.redisfleet.controller.inventory;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Which directories an embedded agent may keep its nodes under. It creates {@code nodes/} and
 * {@code data/} there and removes node directories on destroy, so a state-dir of {@code /},
 * {@code /etc} or a home directory itself would mix redis-fleet's files with the system's.
 */
final class StateDirs {

  /** System directories (and their own top level): a state-dir must be below one of them, if at all. */
  private static final Set<String> SYSTEM = Set.of("/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib",
      "/lib64", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr",
      "/var", "/var/lib", "/var/log", "/var/tmp", "/usr/local", "/etc/redis-fleet", "/var/lib/redis-fleet");

  private StateDirs() {}

  /** What is wrong with {@code dir} (absolute, normalized) as a state-dir, if anything. */
  static Optional<String> problem(Path dir, Path home) {
    if (SYSTEM.contains(dir.toString())) {
      return Optional.of("(" + dir + ") is a system directory; give a directory of its own below it");
    }
    if (dir.equals(home.toAbsolutePath().normalize())) {
      return Optional.of("(" + dir + ") is your home directory; give a directory of its own, e.g. ~/.local/state/redis-fleet");
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      return Optional.of("exists and is not a directory");
    }
    return Optional.empty();
  }
}
