package io.redisfleet.e2e;

import io.redisfleet.controller.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The real controller CLI, run in the test JVM (the root namespace, reaching the hosts' agents
 * over the bridge), with what it printed captured.
 */
record ControllerCli(String command, int exit, String out, String err) {

  static ControllerCli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int exit = cl.execute(args);
    System.out.printf("controller %s: exit %d in %d ms%n", String.join(" ", args), exit,
        (System.nanoTime() - start) / 1_000_000);
    return new ControllerCli(String.join(" ", args), exit, out.toString(), err.toString());
  }

  /** Runs and fails the test unless the exit code is the expected one. */
  static ControllerCli expect(int exit, String... args) {
    ControllerCli cli = run(args);
    if (cli.exit() != exit) {
      throw new AssertionError("expected exit " + exit + " from controller: " + cli);
    }
    return cli;
  }

  @Override
  public String toString() {
    return command + ": exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}
