package io.redisfleet.controller.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.doc.AgentDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man pages and completions the .debs ship, generated from the CLI model as the build does. */
class ControllerDocsTest {

  @TempDir Path dir;

  @Test
  void controllerPageHasEveryCommandAndOption() throws Exception {
    ControllerDocs.main(new String[] {dir.toString()});
    String page = Files.readString(dir.resolve("controller.1"));
    assertTrue(page.startsWith(".TH \"CONTROLLER\" 1 "), page.substring(0, 40));
    CommandLine cl = Main.commandLine();
    cl.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        assertTrue(page.contains(".SS controller " + name + "\n"), "no section for " + name);
        sub.getCommandSpec().options().forEach(o -> assertTrue(page.contains(RoffEscape.of(o.longestName())),
            name + " " + o.longestName() + " missing"));
      }
    });
    assertTrue(page.contains("64 usage"), "exit codes from the footer");
    assertTrue(page.lines().noneMatch(l -> l.startsWith(".") && !l.matches("^\\.(TH|SH|SS|PP|TP|nf|fi|RS|RE)\\b.*")),
        "a text line would be read as a roff request");
    assertTrue(Files.readString(dir.resolve("controller")).contains("--max-fail"), "bash completion");
  }

  @Test
  void agentPageHasItsOptionsAndFiles() throws Exception {
    AgentDocs.main(new String[] {dir.toString()});
    String page = Files.readString(dir.resolve("redis-fleet-agent.1"));
    for (String s : new String[] {"\\-\\-listen", "\\-\\-address", "\\-\\-tls\\-dir", "/etc/default/redis\\-fleet\\-agent"}) {
      assertTrue(page.contains(s), s + " missing:\n" + page);
    }
    assertTrue(Files.readString(dir.resolve("redis-fleet-agent")).contains("--listen"), "bash completion");
  }

  /** Option names as the page writes them (hyphens escaped). */
  private static final class RoffEscape {
    static String of(String s) {
      return s.replace("-", "\\-");
    }
  }
}
