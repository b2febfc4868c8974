package io.redisfleet.agent.doc;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A section-1 man page in roff, made from a picocli command model at build time, so the page
 * says exactly what {@code --help} says. Written here rather than with picocli-codegen's
 * ManPageGenerator: that one writes AsciiDoc, which needs asciidoctor to become roff, and neither
 * is available to this offline build (nor an allowed dependency). Used by the controller's and the
 * agent's .deb (the controller's jar contains this module).
 */
public final class RoffManPage {

  private RoffManPage() {}

  /** The page of {@code spec}; {@code extra} sections (title to paragraphs) follow the commands. */
  public static String render(CommandSpec spec, String source, List<String[]> extra) {
    StringBuilder b = new StringBuilder();
    String name = spec.name();
    b.append(".TH ").append(quote(name.toUpperCase(Locale.ROOT))).append(" 1 \"\" ").append(quote(source))
        .append(" \"User Commands\"\n");
    b.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(first(spec.usageMessage().description())))
        .append('\n');
    b.append(".SH SYNOPSIS\n");
    synopsis(b, spec, name);
    b.append(".SH DESCRIPTION\n");
    for (String line : spec.usageMessage().description()) {
      b.append(".PP\n").append(escape(text(line))).append('\n');
    }
    options(b, spec);
    List<CommandSpec> subs = spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
        .filter(s -> !s.usageMessage().hidden() && !s.name().equals("help")).collect(Collectors.toList());
    if (!subs.isEmpty()) {
      b.append(".SH COMMANDS\n");
      for (CommandSpec sub : subs) {
        command(b, sub, name + " " + sub.name());
      }
    }
    footer(b, spec);
    for (String[] section : extra) {
      b.append(".SH ").append(escape(section[0].toUpperCase(Locale.ROOT))).append('\n');
      for (int i = 1; i < section.length; i++) {
        b.append(".PP\n").append(escape(section[i])).append('\n');
      }
    }
    return b.toString();
  }

  private static void command(StringBuilder b, CommandSpec sub, String path) {
    b.append(".SS ").append(escape(path)).append('\n');
    synopsis(b, sub, path);
    for (String line : sub.usageMessage().description()) {
      b.append(".PP\n").append(escape(text(line))).append('\n');
    }
    options(b, sub);
    footer(b, sub);
    List<CommandSpec> nested = sub.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
        .filter(s -> !s.usageMessage().hidden()).toList();
    for (CommandSpec n : nested) {
      command(b, n, path + " " + n.name());
    }
  }

  private static void synopsis(StringBuilder b, CommandSpec spec, String path) {
    StringBuilder s = new StringBuilder("\\fB").append(escape(path)).append("\\fR");
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        s.append(" [\\fB").append(escape(o.longestName())).append("\\fR")
            .append(o.arity().max() > 0 ? " \\fI" + escape(o.paramLabel()) + "\\fR" : "").append(']');
      }
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        s.append(" \\fI").append(escape(p.paramLabel())).append("\\fR");
      }
    }
    if (!spec.subcommands().isEmpty()) {
      s.append(" \\fICOMMAND\\fR");
    }
    b.append(".PP\n").append(s).append('\n');
  }

  private static void options(StringBuilder b, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      b.append(".TP\n\\fB").append(escape(String.join(", ", o.names()))).append("\\fR")
          .append(o.arity().max() > 0 ? " \\fI" + escape(o.paramLabel()) + "\\fR" : "").append('\n');
      String description = String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
          String.valueOf(o.defaultValue()));
      b.append(escape(text(description))).append('\n');
    }
  }

  /** The footer as an indented literal block: examples and exit codes keep their layout. */
  private static void footer(StringBuilder b, CommandSpec spec) {
    String[] footer = spec.usageMessage().footer();
    if (footer.length == 0) {
      return;
    }
    b.append(".PP\n.nf\n.RS 4\n");
    for (String line : footer) {
      b.append(line.isEmpty() ? "" : escape(text(line))).append('\n');
    }
    b.append(".RE\n.fi\n");
  }

  /**
   * A completion script as bash-completion sources it: without picocli's {@code #!} line (lintian:
   * bash-completion-with-hashbang; the file is sourced, never executed).
   */
  public static String sourcedScript(String script) {
    return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
  }

  private static String first(String[] lines) {
    return lines.length == 0 ? "" : text(lines[0]);
  }

  /** picocli's format strings escape % as %%; a man page shows the plain text. */
  private static String text(String s) {
    return s.replace("%%", "%").replace("%n", " ");
  }

  /** Backslashes and hyphens as roff wants them; a line never starts with a control character. */
  static String escape(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "") + "\"";
  }
}
