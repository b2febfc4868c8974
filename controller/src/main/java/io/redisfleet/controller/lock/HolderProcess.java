package io.redisfleet.controller.lock;

import io.redisfleet.controller.model.Lease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which controller process holds a lease: its machine (hostname and boot id: a pid means
 * nothing on another machine or after a reboot), its pid and when that process started (a pid
 * the kernel gave to a new process is not the holder). Only a contender on the same machine can
 * tell that the holder is gone; everywhere else a lease lasts until it expires.
 */
public record HolderProcess(String hostId, long pid, long startedMs) {

  /** This controller process. */
  public static HolderProcess current() {
    ProcessHandle self = ProcessHandle.current();
    return new HolderProcess(thisHostId(), self.pid(), startMs(self).orElse(0L));
  }

  /** The holder recorded in a lease; empty when it was taken without an identity (older controller). */
  public static Optional<HolderProcess> of(Lease lease) {
    return lease.holderHostId().isEmpty() || lease.holderPid() <= 0 ? Optional.empty()
        : Optional.of(new HolderProcess(lease.holderHostId(), lease.holderPid(), lease.holderStartedMs()));
  }

  /** The lease claim this process sends: its holder name plus its identity. */
  public Lease claim(String holder) {
    return new Lease(holder, "", 0, hostId, pid, startedMs);
  }

  /** True when {@code other} ran on this machine and no process with its pid and start time is alive. */
  public boolean seesGone(HolderProcess other) {
    if (!other.hostId.equals(hostId)) {
      return false; // another machine: its processes cannot be seen from here
    }
    Optional<ProcessHandle> alive = ProcessHandle.of(other.pid).filter(ProcessHandle::isAlive);
    if (alive.isEmpty()) {
      return true;
    }
    Optional<Long> started = startMs(alive.get());
    // the same pid, started later than the holder: the kernel reused it for another process
    return other.startedMs > 0 && started.isPresent() && started.get() > other.startedMs + 1000;
  }

  private static Optional<Long> startMs(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
  }

  private static String thisHostId() {
    return read("/proc/sys/kernel/hostname").orElse(System.getenv().getOrDefault("HOSTNAME", "unknown"))
        + "/" + read("/proc/sys/kernel/random/boot_id").orElse("no-boot-id");
  }

  private static Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(Path.of(file)).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
