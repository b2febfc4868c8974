package io.redisfleet.agent.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Objects;
import java.util.Optional;

/**
 * The group that must read what the agent writes: under systemd the nodes run as redis, so their
 * confs are root:redis 0640 in a root:redis 0750 directory. Only root can hand a file to a group
 * it is not in, so an agent running as a user (tests, the embedded agent) leaves groups alone.
 *
 * @param principal the group to give files and directories to; empty leaves them as created
 */
public record FileGroup(Optional<GroupPrincipal> principal) {

  public FileGroup {
    Objects.requireNonNull(principal, "principal");
  }

  public static FileGroup none() {
    return new FileGroup(Optional.empty());
  }

  /** The named group when it exists and this process runs as root; otherwise none. */
  public static FileGroup of(Optional<String> name) {
    if (name.isEmpty() || !runningAsRoot()) {
      return none();
    }
    try {
      Path any = Path.of("/");
      return new FileGroup(Optional.of(
          any.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name.get())));
    } catch (UserPrincipalNotFoundException e) {
      return none(); // no such group: nodes cannot be running as it either
    } catch (IOException | UnsupportedOperationException e) {
      return none();
    }
  }

  /** Gives path to the group unless it already belongs to it. */
  void apply(Path path) throws IOException {
    if (principal.isEmpty()) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view != null && !view.readAttributes().group().equals(principal.get())) {
      view.setGroup(principal.get());
    }
  }

  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
