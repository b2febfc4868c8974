package io.redisfleet.agent.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every command; answers `systemctl show` from a script per unit (the last answer repeats). */
final class SystemdRecordingCommands implements SystemdCommands {

  final List<String> calls = new ArrayList<>();
  private final Map<String, Deque<String>> shows = new HashMap<>();
  private final Map<String, Result> failures = new HashMap<>();

  /** Scripts what `systemctl show` says about unit, e.g. state("u", "inactive 0", "active 42"). */
  SystemdRecordingCommands state(String unit, String... statePid) {
    Deque<String> answers = shows.computeIfAbsent(unit, u -> new ArrayDeque<>());
    for (String s : statePid) {
      String[] parts = s.split(" ");
      answers.add("MainPID=" + parts[1] + "\nActiveState=" + parts[0]
          + "\nExecMainStartTimestamp=" + (parts[1].equals("0") ? "" : "@1732539900.250") + "\n");
    }
    return this;
  }

  /** Makes the command whose joined argv equals command fail. */
  SystemdRecordingCommands fail(String command, int exit, String stderr) {
    failures.put(command, new Result(exit, "", stderr));
    return this;
  }

  private String journal = "";

  /** What `journalctl -u UNIT … -o cat` prints. */
  SystemdRecordingCommands journal(String text) {
    journal = text;
    return this;
  }

  @Override
  public Result run(List<String> argv, Duration timeout) {
    String command = String.join(" ", argv);
    if (argv.get(0).equals("journalctl")) {
      calls.add(command);
      return new Result(0, journal, "");
    }
    int p = argv.indexOf("-p");
    if (argv.get(1).equals("show") && argv.get(p + 1).startsWith("Id,")) { // several units: a block each, by Id
      List<String> units = argv.subList(p + 2, argv.size());
      calls.add("show " + String.join(" ", units));
      if (failures.containsKey(command)) {
        return failures.get(command);
      }
      List<String> blocks = new ArrayList<>();
      for (String unit : units) {
        Deque<String> answers = shows.getOrDefault(unit, new ArrayDeque<>(List.of("ActiveState=inactive\nMainPID=0\n")));
        blocks.add("Id=" + unit + "\n" + (answers.size() > 1 ? answers.poll() : answers.peek()));
      }
      return new Result(0, String.join("\n", blocks), "");
    }
    if (argv.get(1).equals("show")) {
      String unit = argv.get(argv.size() - 1);
      calls.add("show " + unit);
      if (failures.containsKey(command)) {
        return failures.get(command);
      }
      Deque<String> answers = shows.getOrDefault(unit, new ArrayDeque<>(List.of("ActiveState=inactive\nMainPID=0\n")));
      return new Result(0, answers.size() > 1 ? answers.poll() : answers.peek(), "");
    }
    calls.add(command.substring("systemctl ".length()));
    return failures.getOrDefault(command, new Result(0, "", ""));
  }
}
