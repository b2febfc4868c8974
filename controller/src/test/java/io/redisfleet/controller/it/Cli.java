package io.redisfleet.controller.it;

import io.redisfleet.controller.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import picocli.CommandLine;

/** Runs the real CLI in-process and captures what it prints. */
public record Cli(int exit, String out, String err) {

  public static Cli run(String... args) {
    return run(new StringWriter(), args);
  }

  /** As {@link #run(String...)}, with stdout written through {@code out} as it is printed. */
  static Cli run(Writer out, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}
