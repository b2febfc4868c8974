package io.redisfleet.controller.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a secret file safely: its type and size are looked at before it is opened, so a FIFO
 * (which would block the open for ever), a device such as /dev/zero (endless) or a directory is
 * refused without being opened, and a regular file is read only up to {@link #MAX_BYTES}. A file
 * the group or others may read is read, with a warning: anyone who can read it can log in.
 */
final class SecretFiles {

  /** A password is at most 512 characters; 64 KiB leaves room for comments and line ends. */
  static final int MAX_BYTES = 64 * 1024;

  /** The file is not one a secret may come from; the message says why and what to do. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private SecretFiles() {}

  /** The file's text (never empty: a refusal is thrown, with what to do). */
  static String read(Path path, String shown, Consumer<String> warn) throws IOException, Refused {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new Refused(shown + " does not exist: create it, readable by the controller only");
    } catch (UnsupportedOperationException e) {
      attributes = null; // not POSIX: the type check below still runs through Files
    }
    boolean regular = attributes != null ? attributes.isRegularFile() : Files.isRegularFile(path);
    if (!regular) {
      throw new Refused(shown + " is not a regular file (it is a " + kind(path)
          + "): a secret is read only from a regular file");
    }
    long size = attributes != null ? attributes.size() : Files.size(path);
    if (size > MAX_BYTES) {
      throw new Refused(shown + " is " + size + " bytes, more than " + MAX_BYTES
          + " (a password file holds one line)");
    }
    if (attributes != null) {
      Set<PosixFilePermission> mode = attributes.permissions();
      if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
        warn.accept(shown + " (" + path + ") is readable by "
            + (mode.contains(PosixFilePermission.OTHERS_READ) ? "every user" : "its group")
            + ": chmod 600 it");
      }
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1); // it may have grown since the look
      if (bytes.length > MAX_BYTES) {
        throw new Refused(shown + " is more than " + MAX_BYTES + " bytes (a password file holds one line)");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String kind(Path path) {
    if (Files.isDirectory(path)) {
      return "directory";
    }
    try {
      Object fifo = Files.getAttribute(path, "unix:mode");
      int mode = (Integer) fifo & 0170000;
      return switch (mode) {
        case 0010000 -> "FIFO";
        case 0020000 -> "character device";
        case 0060000 -> "block device";
        case 0140000 -> "socket";
        default -> "special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "special file";
    }
  }
}
