package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** lintian reports no errors on the project's .debs (warnings are allowed and printed). */
class PackagesLintE2E {

  @Test
  void lintianFindsNoErrors() throws Exception {
    E2eGate.require(Files.isExecutable(Path.of("/usr/bin/lintian")) ? ""
        : "/usr/bin/lintian missing (apt-get install -y lintian)");
    Path target = Path.of("..", "packaging", "target").toAbsolutePath().normalize();
    List<Path> debs;
    try (var files = Files.list(target)) {
      debs = files.filter(p -> p.toString().endsWith(".deb")).sorted().toList();
    }
    assertEquals(2, debs.size(), "agent and controller .debs in " + target + ": " + debs);
    for (Path deb : debs) {
      Process p = new ProcessBuilder("lintian", "--no-tag-display-limit", deb.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "lintian timed out on " + deb);
      System.out.println("lintian " + deb.getFileName() + ":\n" + out);
      assertTrue(out.lines().noneMatch(l -> l.startsWith("E:")), "lintian errors on " + deb + ":\n" + out);
    }
  }
}
