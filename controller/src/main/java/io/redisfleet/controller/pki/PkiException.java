package io.redisfleet.controller.pki;

/**
 * A PKI operation that cannot be done as asked: a CA already exists, a file is missing or is not
 * what it should be, a SAN is malformed. The message is one line an operator can act on.
 */
public final class PkiException extends Exception {

  private static final long serialVersionUID = 1L;

  public PkiException(String message) {
    super(message);
  }

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
