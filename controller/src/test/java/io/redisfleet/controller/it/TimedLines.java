package io.redisfleet.controller.it;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Writer for the CLI's output that remembers when each line was completed (System.nanoTime):
 * apply prints a step's progress line the moment the step finishes, so the line's time is the
 * step's end and its "(N ms)" gives the start.
 */
final class TimedLines extends Writer {

  /** One completed line and the System.nanoTime at which it was written. */
  record Line(long at, String text) {}

  private final StringBuilder all = new StringBuilder();
  private final StringBuilder current = new StringBuilder();
  private final List<Line> lines = new ArrayList<>();

  @Override
  public synchronized void write(char[] chars, int off, int len) {
    long now = System.nanoTime();
    all.append(chars, off, len);
    for (int i = off; i < off + len; i++) {
      if (chars[i] == '\n') {
        lines.add(new Line(now, current.toString()));
        current.setLength(0);
      } else if (chars[i] != '\r') {
        current.append(chars[i]);
      }
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public synchronized String toString() {
    return all.toString();
  }
}
