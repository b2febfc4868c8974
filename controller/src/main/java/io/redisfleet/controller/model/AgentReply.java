package io.redisfleet.controller.model;

/**
 * An agent's answer to a step's call: whether it changed anything (false when the node already was
 * as asked: every agent call is idempotent) and its one-line account of what it did.
 */
public record AgentReply(boolean changed, String detail) {}
