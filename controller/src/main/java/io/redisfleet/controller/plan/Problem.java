package io.redisfleet.controller.plan;

/**
 * Something that keeps part of the fleet from being converged and that the controller will not
 * fix on its own (a host that does not answer, a node holding keys that would be lost). The
 * scope names what is held back ("cluster main", "host h1"); the rest of the plan proceeds.
 */
public record Problem(String scope, String message) {

  @Override
  public String toString() {
    return scope + ": " + message;
  }
}
