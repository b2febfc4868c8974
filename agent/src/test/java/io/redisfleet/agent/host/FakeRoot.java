package io.redisfleet.agent.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake system root directory with the kernel setting files the agent reads. */
final class FakeRoot {

  private FakeRoot() {}

  static SystemRoot bad(Path dir) throws IOException {
    return with(dir, "0", "128", "[always] madvise never", 1024);
  }

  static SystemRoot good(Path dir) throws IOException {
    return with(dir, "1", "4096", "always madvise [never]", 65536);
  }

  static SystemRoot with(Path dir, String overcommit, String somaxconn, String thp, long nofile) throws IOException {
    write(dir, "proc/sys/vm/overcommit_memory", overcommit + "\n");
    write(dir, "proc/sys/net/core/somaxconn", somaxconn + "\n");
    write(dir, HostChecker.THP, thp + "\n");
    write(dir, "proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max open files            " + nofile + "                 524288               files\n");
    return new SystemRoot(dir);
  }

  private static void write(Path dir, String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
