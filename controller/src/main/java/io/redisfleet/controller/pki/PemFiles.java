package io.redisfleet.controller.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM files as an agent and gRPC read them: certificates (0644) and unencrypted PKCS#8 private
 * keys (0600). Writes are atomic (temp file in the same directory, then rename) and a key file is
 * created with its final mode, so no reader ever sees a half-written or world-readable key.
 */
public final class PemFiles {

  static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> CERT_MODE = PosixFilePermissions.fromString("rw-r--r--");

  private PemFiles() {}

  public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
    write(file, pem(cert), CERT_MODE);
  }

  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    write(file, pem(new JcaPKCS8Generator(key, null)), KEY_MODE);
  }

  public static X509Certificate readCertificate(Path file) throws PkiException {
    Object o = readObject(file);
    if (!(o instanceof X509CertificateHolder holder)) {
      throw new PkiException(file + ": not a PEM certificate");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new PkiException(file + ": unreadable certificate: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) throws PkiException {
    Object o = readObject(file);
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    } catch (IOException e) {
      throw new PkiException(file + ": unreadable private key: " + e.getMessage(), e);
    }
    throw new PkiException(file + ": not an unencrypted PEM private key");
  }

  private static Object readObject(Path file) throws PkiException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      if (o == null) {
        throw new PkiException(file + ": no PEM object in file");
      }
      return o;
    } catch (IOException e) {
      throw new PkiException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(object);
    }
    return out.toString();
  }

  private static void write(Path file, String content, Set<PosixFilePermission> mode) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(mode));
    try {
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      // createTempFile's mode is filtered by the umask; set it explicitly for 0644 certs.
      Files.setPosixFilePermissions(tmp, mode);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
