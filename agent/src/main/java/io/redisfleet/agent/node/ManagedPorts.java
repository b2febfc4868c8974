package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The ports this agent manages: one {@code <port>.conf} in confDir per node. */
public final class ManagedPorts {

  private static final Pattern CONF = Pattern.compile("(\\d{1,5})\\.conf");

  private ManagedPorts() {}

  public static List<Integer> list(Path confDir) throws AgentException {
    try (Stream<Path> files = Files.list(confDir)) {
      return files.map(p -> CONF.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .filter(io.redisfleet.contract.Ports::validNode)
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "list managed nodes in " + confDir + ": " + e, e);
    }
  }
}
