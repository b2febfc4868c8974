package io.redisfleet.agent.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands with ProcessBuilder. Output goes to temporary files rather than pipes, so a
 * chatty command can never block on a full pipe while we wait for it.
 */
public final class SystemdProcessCommands implements SystemdCommands {

  @Override
  public Result run(List<String> argv, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    Path out = Files.createTempFile("redis-fleet-cmd", ".out");
    Path err = Files.createTempFile("redis-fleet-cmd", ".err");
    try {
      Process process = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new TimeoutException(String.join(" ", argv) + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
