package io.redisfleet.controller.model;

/**
 * What an agent is told of the last plan, for its metrics.
 *
 * @param command the command that made it (apply, plan, watch)
 * @param pendingSteps the plan's steps that touch this host's nodes
 * @param incomplete the plan could not cover everything (deferred steps, unreachable hosts)
 * @param problems how many problems the plan reported
 */
public record PlanReport(String command, int pendingSteps, boolean incomplete, int problems) {}
