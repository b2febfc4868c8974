package io.redisfleet.controller.preflight;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything preflight found, plus what {@code --fix-sysctl} changed (host to settings), and the
 * hosts whose agent did not answer.
 */
public record PreflightReport(List<Finding> findings, Map<String, List<String>> fixed, Set<String> unreachable) {

  public PreflightReport {
    findings = List.copyOf(findings);
    fixed = Map.copyOf(fixed);
    unreachable = Set.copyOf(unreachable);
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

  public PreflightReport withFixed(Map<String, List<String>> fixes) {
    return new PreflightReport(findings, fixes, unreachable);
  }
}
