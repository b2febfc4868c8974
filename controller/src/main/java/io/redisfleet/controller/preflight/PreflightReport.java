package io.redisfleet.controller.preflight;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything preflight found, plus what {@code --fix-sysctl} changed (host to settings: nothing
 * since the settings ship in the agent package), the hosts whose agent did not answer, and what
 * {@code --fix-sysctl} reports instead (host to where the kernel settings ship and how to apply them).
 */
public record PreflightReport(List<Finding> findings, Map<String, List<String>> fixed, Set<String> unreachable,
    Map<String, String> kernelSettings) {

  public PreflightReport {
    findings = List.copyOf(findings);
    fixed = Map.copyOf(fixed);
    unreachable = Set.copyOf(unreachable);
    kernelSettings = Map.copyOf(kernelSettings);
  }

  public PreflightReport(List<Finding> findings, Map<String, List<String>> fixed, Set<String> unreachable) {
    this(findings, fixed, unreachable, Map.of());
  }

  public long errors() {
    return findings.stream().filter(Finding::error).count();
  }

  public long warnings() {
    return findings.stream().filter(Finding::warning).count();
  }

  /** Errors on hosts that answered: these make apply refuse (unreachable hosts are the rollout's to handle). */
  public List<Finding> blocking() {
    return findings.stream().filter(f -> f.error() && !unreachable.contains(f.host())).toList();
  }

  public PreflightReport withKernelSettings(Map<String, String> hints) {
    return new PreflightReport(findings, fixed, unreachable, hints);
  }
}
