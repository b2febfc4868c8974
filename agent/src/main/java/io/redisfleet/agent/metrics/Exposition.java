package io.redisfleet.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4, written by hand: no Prometheus client library is an
 * allowed dependency, and the format is lines of {@code name{label="value"} number} grouped under
 * one {@code # HELP} and {@code # TYPE} per metric.
 */
final class Exposition {

  private record Sample(String labels, double value) {}

  private record Family(String help, String type, List<Sample> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  Exposition gauge(String name, String help, double value, String... labels) {
    families.computeIfAbsent(name, n -> new Family(help, "gauge", new ArrayList<>()))
        .samples().add(new Sample(labels(labels), value));
    return this;
  }

  String render() {
    StringBuilder b = new StringBuilder();
    families.forEach((name, f) -> {
      b.append("# HELP ").append(name).append(' ').append(f.help()).append('\n');
      b.append("# TYPE ").append(name).append(' ').append(f.type()).append('\n');
      for (Sample s : f.samples()) {
        b.append(name).append(s.labels()).append(' ').append(number(s.value())).append('\n');
      }
    });
    return b.toString();
  }

  /** {@code k1, v1, k2, v2} as {@code {k1="v1",k2="v2"}}, values escaped as the format says. */
  private static String labels(String... kv) {
    if (kv.length == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      b.append(i == 0 ? "" : ",").append(kv[i]).append("=\"")
          .append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return b.append('}').toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
