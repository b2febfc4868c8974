package io.redisfleet.agent.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File writes that are all-or-nothing and stay inside the agent's own directories: a crash
 * leaves either the old or the new file, never half of one. Every path is checked against the
 * root it must live under, so nothing outside confDir and dataRoot is ever written or deleted.
 */
public final class AtomicFiles {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private AtomicFiles() {}

  /** Writes text to target via a temp file in the same directory, fsync, then atomic rename. */
  public static void write(Path root, Path target, String text) throws IOException {
    write(root, target, text, FileGroup.none());
  }

  /**
   * As {@link #write(Path, Path, String)}, the file (mode 0640) and its directories given to
   * group before the rename, so a reader in that group never sees a file it cannot open.
   */
  public static void write(Path root, Path target, String text, FileGroup group) throws IOException {
    Path file = inside(root, target);
    Path dir = createDirectories(root, file.getParent(), group);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attrs("rw-r-----"));
    try {
      group.apply(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Creates dir (and parents below root) with mode 0750 where POSIX. */
  public static Path createDirectories(Path root, Path dir) throws IOException {
    return createDirectories(root, dir, FileGroup.none());
  }

  /** As {@link #createDirectories(Path, Path)}, then gives root and every directory down to dir to group. */
  public static Path createDirectories(Path root, Path dir, FileGroup group) throws IOException {
    Path created = Files.createDirectories(inside(root, dir), attrs("rwxr-x---"));
    Path r = root.toAbsolutePath().normalize();
    for (Path p = created; p != null && p.startsWith(r); p = p.getParent()) {
      group.apply(p);
    }
    return created;
  }

  /** Deletes a file or a directory tree below root; returns whether anything existed. */
  public static boolean deleteTree(Path root, Path target) throws IOException {
    Path p = inside(root, target);
    if (p.equals(root.toAbsolutePath().normalize())) {
      throw new IOException("refusing to delete the root " + root);
    }
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
    return true;
  }

  private static Path inside(Path root, Path target) throws IOException {
    Path r = root.toAbsolutePath().normalize();
    Path t = target.toAbsolutePath().normalize();
    if (!t.startsWith(r)) {
      throw new IOException(t + " is outside the agent directory " + r);
    }
    return t;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for fsync; the rename itself is still atomic.
    }
  }

  private static FileAttribute<?>[] attrs(String perms) {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
        : new FileAttribute<?>[0];
  }
}
