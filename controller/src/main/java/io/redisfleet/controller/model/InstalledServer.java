package io.redisfleet.controller.model;

import java.util.Set;

/**
 * The server binary a host's agent runs nodes with.
 *
 * @param version its engine and version (from its --version)
 * @param directives every directive name it accepts (its own CONFIG GET *); empty when unknown
 * @param directivesError why directives is empty, when it is
 */
public record InstalledServer(ServerVersion version, Set<String> directives, String directivesError) {

  public static final InstalledServer UNKNOWN = new InstalledServer(ServerVersion.UNKNOWN, Set.of(), "");

  public InstalledServer {
    directives = Set.copyOf(directives);
  }
}
