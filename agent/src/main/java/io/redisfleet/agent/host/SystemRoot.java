package io.redisfleet.agent.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's settings as files (/proc/sys, /sys/kernel/mm), read-only, below a root that
 * is "/" on a host and a fake directory in tests, so no test reads or changes the machine's own
 * settings. Paths are relative ("proc/sys/vm/overcommit_memory") and fixed in code, never taken
 * from a request.
 */
public record SystemRoot(Path root) {

  public static final SystemRoot HOST = new SystemRoot(Path.of("/"));

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** The file's content, stripped; empty when it does not exist. */
  public Optional<String> read(String relative) throws IOException {
    try {
      return Optional.of(Files.readString(resolve(relative)).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** A sysctl name's file: "vm.overcommit_memory" is proc/sys/vm/overcommit_memory. */
  public static String sysctlPath(String name) {
    return "proc/sys/" + name.replace('.', '/');
  }
}
