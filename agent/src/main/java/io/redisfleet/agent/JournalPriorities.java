package io.redisfleet.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Gives every stderr line under systemd its journald priority, so {@code journalctl -p warning
 * -u redis-fleet-agent} finds the agent's warnings and errors. journald reads a {@code <N>}
 * prefix on each line (SyslogLevelPrefix=, on by default), so no logging library is needed: the
 * level word slf4j-simple writes (or java.util.logging's "SEVERE:"/"WARNING:", gRPC's own lines)
 * picks the priority, and continuation lines (stack traces) keep the priority of their line, so a
 * trace is found with its error. Only when {@code JOURNAL_STREAM} says stderr is the journal: on
 * a terminal or in tests the lines stay as they are.
 */
public final class JournalPriorities extends OutputStream {

  /** syslog priorities: err, warning, info, debug. */
  static final int ERR = 3;
  static final int WARNING = 4;
  static final int INFO = 6;
  static final int DEBUG = 7;

  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int last = INFO;

  JournalPriorities(OutputStream out) {
    this.out = out;
  }

  /** Wraps System.err when it is the journal; call before the first log line. */
  public static void installIfJournal(Map<String, String> env) {
    if (env.containsKey("JOURNAL_STREAM")) {
      System.setErr(new PrintStream(new JournalPriorities(System.err), true, StandardCharsets.UTF_8));
    }
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (b == '\n') {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      last = priority(text).orElse(last);
      out.write(("<" + last + ">" + text + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush(); // a partial line waits for its newline: journald needs the prefix first
  }

  /** The priority a line names, or empty for a continuation line ("\tat …", "Caused by: …"). */
  static java.util.OptionalInt priority(String text) {
    if (text.startsWith("SEVERE:")) {
      return java.util.OptionalInt.of(ERR);
    }
    if (text.startsWith("WARNING:")) {
      return java.util.OptionalInt.of(WARNING);
    }
    String[] words = text.split(" ", 3); // slf4j-simple: "[date] LEVEL logger - message"
    for (int i = 0; i < Math.min(2, words.length); i++) {
      switch (words[i]) {
        case "ERROR": return java.util.OptionalInt.of(ERR);
        case "WARN": return java.util.OptionalInt.of(WARNING);
        case "INFO": return java.util.OptionalInt.of(INFO);
        case "DEBUG", "TRACE": return java.util.OptionalInt.of(DEBUG);
        default: break;
      }
    }
    return java.util.OptionalInt.empty();
  }
}
