package io.redisfleet.agent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per node port: two calls for the same node (a retry racing the original, say) run
 * one after the other, calls for different nodes run in parallel.
 */
final class PortLocks {

  private final ConcurrentHashMap<Integer, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** A body that runs under a port's lock. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws AgentException;
  }

  <T> T with(int port, Body<T> body) throws AgentException {
    ReentrantLock lock = locks.computeIfAbsent(port, p -> new ReentrantLock());
    lock.lock();
    try {
      return body.run();
    } finally {
      lock.unlock();
    }
  }
}
