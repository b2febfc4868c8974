package io.redisfleet.controller.cli;

import io.redisfleet.controller.agentmodule.AgentModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build-time: writes {@code controller.1} (every command, its options, examples and exit codes)
 * and the bash completion {@code controller} into the directory given, from the CLI model that
 * {@code --help} prints. The .deb build (packaging/pom.xml) runs it.
 */
public final class ControllerDocs {

  private ControllerDocs() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    CommandLine cl = Main.commandLine();
    Files.writeString(dir.resolve("controller.1"), AgentModule.manPage(cl.getCommandSpec(), "redis-fleet", List.of(
        new String[] {"JSON output",
            "With --json every command prints exactly one JSON object on stdout, also when it cannot run"
                + " ({\"error\":{\"kind\",\"message\",\"file\",\"line\"}}); fields are documented in"
                + " /usr/share/doc/redis-fleet-controller and docs/json.md of the source."},
        new String[] {"See also", "redis-fleet-agent(1), redis-server(1), redis-cli(1)"})));
    Files.writeString(dir.resolve("controller"), AgentModule.sourcedScript(AutoComplete.bash("controller", cl)));
  }
}
