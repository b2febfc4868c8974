package io.redisfleet.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The operator's contract of docs/json.md: under --json every path prints exactly one JSON object
 * on stdout, failures before the command's own document included, with the documented exit code.
 * No agent is contacted: every failure here happens before the first call.
 */
class JsonOnEveryPathTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The only thing on stdout is one JSON object; returns its "error" object. */
  private static JsonObject oneErrorObject(Run r) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(r.out()));
    JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
    assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "more than one JSON value on stdout: " + r.out());
    assertTrue(root.has("error"), r.out());
    return root.getAsJsonObject("error");
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "apply", "status", "preflight", "destroy", "verify"})
  void invalidInventoryIsOneErrorObjectWithFileAndLine(String command) throws IOException {
    Path inv = file("bad.conf", "hosts { a { address = \"127.0.0.1\" } }\n"
        + "replication.g { master = \"a:17001\", replicas = [\"b:17002\"] }\n");
    Run r = run(command, inv.toString(), "--json");
    assertEquals(ExitCodes.FAILED, r.code(), r.err());
    JsonObject error = oneErrorObject(r);
    assertEquals("inventory", error.get("kind").getAsString());
    assertEquals(inv.toString(), error.get("file").getAsString());
    assertEquals(2, error.get("line").getAsInt());
    assertTrue(error.get("message").getAsString().contains("unknown host \"b\""), error.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "apply", "status", "preflight", "destroy", "verify"})
  void missingTlsDirIsOneErrorObject(String command) throws IOException {
    Path inv = file("notls.conf", "hosts { a { address = \"127.0.0.1\", agent-port = 1 } }\n"
        + "replication.g { master = \"a:17001\", replicas = [\"a:17002\"] }\n"
        + "controller { tls-dir = \"" + dir.resolve("no-such-dir") + "\" }\n");
    Run r = run(command, inv.toString(), "--json");
    assertEquals(ExitCodes.FAILED, r.code(), r.err());
    JsonObject error = oneErrorObject(r);
    assertEquals("tls", error.get("kind").getAsString());
    assertTrue(error.get("message").getAsString().contains("no-such-dir"), error.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "plan", "apply", "status", "preflight", "destroy", "verify"})
  void unknownOptionIsAUsageErrorWithItsOwnCode(String command) throws IOException {
    Run r = run(command, "x.conf", "--json", "--no-such-option");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    JsonObject error = oneErrorObject(r);
    assertEquals("usage", error.get("kind").getAsString());
    assertTrue(error.get("message").getAsString().contains("--no-such-option"), error.toString());
    assertTrue(r.err().contains("Usage:"), "the usage goes to stderr: " + r.err());
  }

  @Test
  void anOptionRejectedWhileRunningIsAUsageErrorToo() throws IOException {
    Path inv = file("ok.conf", "hosts { a { address = \"127.0.0.1\", agent-port = 1 } }\n"
        + "replication.g { master = \"a:17001\", replicas = [\"a:17002\"] }\n");
    Run r = run("apply", inv.toString(), "--json", "--limit", "nosuch");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(oneErrorObject(r).get("message").getAsString().contains("nosuch"), r.out());
  }

  @Test
  void strictTopologyFailureIsOneErrorObject() throws IOException {
    Path inv = file("one-host.conf", "hosts { a { address = \"127.0.0.1\", agent-port = 1 } }\n"
        + "clusters.c { nodes = [\"a:17001\", \"a:17002\", \"a:17003\"] }\n");
    Run r = run("plan", inv.toString(), "--json", "--strict");
    assertEquals(ExitCodes.FAILED, r.code(), r.err());
    assertEquals("topology", oneErrorObject(r).get("kind").getAsString());
  }

  @Test
  void withoutJsonStdoutStaysEmptyAndStderrSaysWhy() throws IOException {
    Run r = run("plan", dir.resolve("missing.conf").toString());
    assertEquals(ExitCodes.FAILED, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("no such file"), r.err());
  }

  @Test
  void noCommandIsAUsageErrorAndHelpIsNot() {
    Run bare = run();
    assertEquals(ExitCodes.USAGE, bare.code());
    assertTrue(bare.err().contains("Usage: controller"), bare.err());
    assertEquals(0, run("help").code());
    assertEquals(0, run("--help").code());
  }

  @Test
  void helpPrintsNoFormatterWarning() {
    for (String[] args : new String[][] {{"--help"}, {"apply", "--help"}, {"preflight", "--help"}}) {
      Run r = run(args);
      assertTrue(!r.out().contains("[picocli WARN]") && !r.err().contains("[picocli WARN]"), r.out() + r.err());
    }
  }
}
