package io.redisfleet.e2e;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Remembers whether any test of a class failed, so the class's shared hosts are torn down with
 * their logs collected only when there is something to look at.
 */
final class FailureFlag implements TestWatcher {

  private volatile boolean failed;

  boolean failed() {
    return failed;
  }

  /** For failures outside a test method (a @BeforeAll that threw). */
  void set() {
    failed = true;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failed = true;
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    failed = true;
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
