package io.redisfleet.controller.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script for controller.",
    footer = {"", "Examples:",
        "  source <(controller completion)          # this shell",
        "  controller completion > /etc/bash_completion.d/controller",
        "", "Exit: 0."})
final class CompletionCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("controller", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
