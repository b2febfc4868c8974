package io.redisfleet.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class BundleWaiterTest {

  @TempDir
  Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();

  BundleWaiter waiter(TlsFiles files) {
    return new BundleWaiter(files, Duration.ofMillis(50), log::add);
  }

  @Test
  void returnsOnceTheBundleAppearsLoggingOneLine() throws Exception {
    TlsFiles files = new TlsFiles(dir.resolve("tls"));
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      try {
        waiter(files).await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(400); // several polls with nothing there
    assertFalse(waiting.isDone());
    Files.createDirectories(files.dir());
    Files.writeString(files.ca(), TlsFilesTest.PEM);
    Files.writeString(files.certificate(), TlsFilesTest.PEM);
    Thread.sleep(200); // two of three files: still waiting
    assertFalse(waiting.isDone());
    Files.writeString(files.key(), TlsFilesTest.PEM);
    waiting.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("waiting for TLS bundle in " + files.dir() + " (ca.crt, agent.crt, agent.key)"), log);
  }

  @Test
  void presentBundleReturnsAtOnceWithoutLogging() throws Exception {
    TlsFiles files = new TlsFiles(dir);
    for (Path f : files.all()) {
      Files.writeString(f, TlsFilesTest.PEM);
    }
    assertTrue(waiter(files).await(Duration.ofSeconds(5)));
    assertEquals(List.of(), log);
  }

  @Test
  void timesOut() throws Exception {
    assertFalse(waiter(new TlsFiles(dir)).await(Duration.ofMillis(200)));
    assertEquals(1, log.size());
  }

  @Test
  void cancelEndsTheWait() throws Exception {
    BundleWaiter w = waiter(new TlsFiles(dir));
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      try {
        w.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(150);
    w.cancel();
    ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof CancellationException, e.toString());
  }

  @Test
  void interruptEndsTheWait() throws Exception {
    BundleWaiter w = waiter(new TlsFiles(dir));
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, w::await);
  }
}
