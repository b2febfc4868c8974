package io.redisfleet.controller.model;

import java.util.Objects;

/**
 * What an agent found connecting to one endpoint from its host (preflight).
 *
 * @param endpoint the address and port it dialled
 * @param result "open", "closed" (refused: reachable, nothing listens), "timeout" (filtered or down) or "error"
 * @param detail why, when not open; may be empty
 */
public record EndpointProbe(Endpoint endpoint, String result, String detail) {
  public EndpointProbe {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(detail, "detail");
  }
}
