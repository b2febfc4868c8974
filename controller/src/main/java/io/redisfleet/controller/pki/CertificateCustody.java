package io.redisfleet.controller.pki;

/**
 * What a command may do with the Redis certificates in {@code pki-dir}. Only issuing needs the
 * CA key; every other command reads the certificates that are there and never opens {@code ca.key},
 * so the CA key can live off the machine that runs routine commands.
 */
public enum CertificateCustody {
  /** validate, plan, status, verify, destroy, preflight: read only; a missing certificate is an error naming the fix. */
  READ_ONLY,
  /** apply and {@code pki issue redis}: issue what is missing, from another CA, or within 30 days of expiry. */
  ISSUE
}
