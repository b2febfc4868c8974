package io.redisfleet.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.report.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** --help of every command, against golden files; each shows examples and its exit codes. */
class HelpGoldenTest {

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertEquals(0, cl.execute(args));
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "plan", "apply", "status", "verify", "destroy", "preflight", "restart", "completion"})
  void commandHelp(String command) throws IOException {
    String help = run(command, "--help");
    assertTrue(help.contains("Example"), command + " --help has no example");
    assertTrue(help.contains("Exit"), command + " --help does not say its exit codes");
    Golden.check("help/" + command + ".txt", help);
  }

  @Test
  void topLevelHelp() throws IOException {
    Golden.check("help/controller.txt", run("--help"));
  }

  @Test
  void completionScriptCoversTheCommands() {
    String script = run("completion");
    assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 40));
    for (String c : new String[] {"apply", "preflight", "--max-fail", "--break-lock"}) {
      assertTrue(script.contains(c), "completion lacks " + c);
    }
  }
}
