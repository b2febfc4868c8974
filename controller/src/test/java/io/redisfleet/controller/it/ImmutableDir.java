package io.redisfleet.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory unwritable for this process, as a read-only conf directory is on a host. File
 * modes do not stop root, so as root the directory is made immutable ({@code chattr +i}, ext4 and
 * most local filesystems); otherwise its mode becomes 0555. {@link #close} undoes it.
 */
final class ImmutableDir implements AutoCloseable {

  private final Path dir;
  private final boolean root;

  private ImmutableDir(Path dir, boolean root) {
    this.dir = dir;
    this.root = root;
  }

  static ImmutableDir of(Path dir) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      chattr("+i", dir);
    } else {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    ImmutableDir made = new ImmutableDir(dir, root);
    Path probe = dir.resolve(".probe");
    try {
      Files.writeString(probe, "x");
      Files.delete(probe);
      made.close();
      throw new IllegalStateException(dir + " is still writable: cannot make it read-only here");
    } catch (IOException expected) {
      return made;
    }
  }

  private static void chattr(String flag, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("chattr " + flag + " " + dir + ": " + new String(p.getInputStream().readAllBytes()));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (root) {
      chattr("-i", dir);
    } else {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    }
  }
}
