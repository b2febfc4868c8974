package io.redisfleet.controller.model;

/** How the controller reaches a host's agent. */
public enum AgentMode {
  /** The controller runs the agent in-process (process backend); for one machine, no setup. */
  EMBEDDED,
  /** A daemon on the host, reached over gRPC at address:agentPort (mutual TLS unless loopback). */
  REMOTE
}
