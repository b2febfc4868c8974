package io.redisfleet.agent.service;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The port through which {@link SystemdServiceManager} runs systemctl: a real process runner on
 * hosts ({@link SystemdProcessCommands}), a recording fake in tests.
 */
public interface SystemdCommands {

  /** What a finished command printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs argv (argv[0] is the program) and waits for it.
   *
   * @throws IOException the program could not be started
   * @throws TimeoutException it did not finish within timeout (it has been killed)
   */
  Result run(List<String> argv, Duration timeout)
      throws IOException, TimeoutException, InterruptedException;
}
