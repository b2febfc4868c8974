package io.redisfleet.controller.model;

import java.util.List;

/**
 * How a node's conf on its host differs from what the inventory wants (the agent's dry run).
 *
 * @param confExists the agent already has a conf for the node
 * @param changed applying the node would change something (conf or process)
 * @param restart applying would restart a running node
 * @param changedDirectives directive names whose values differ
 * @param detail the agent's summary of what it would do
 */
public record ConfDrift(
    boolean confExists, boolean changed, boolean restart, List<String> changedDirectives,
    String detail) {

  public ConfDrift {
    changedDirectives = List.copyOf(changedDirectives);
  }

  public static ConfDrift none() {
    return new ConfDrift(true, false, false, List.of(), "unchanged");
  }
}
