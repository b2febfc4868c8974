package io.redisfleet.agent.redis;

/** What moving slots to another master did. */
public record Migration(boolean changed, String detail, int slotsMoved, long keysMoved) {}
