package io.redisfleet.controller.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.pki.PemFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PkiCommandTest {

  @TempDir
  Path dir;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return new CommandLine(new PkiCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  static String mode(Path f) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
  }

  @Test
  void initWritesTheCaAndRefusesToReplaceIt() throws Exception {
    assertEquals(0, run("init", "--dir", dir.toString()));
    assertEquals("rw-------", mode(dir.resolve("ca.key")));
    assertEquals("rw-r--r--", mode(dir.resolve("ca.crt")));
    X509Certificate ca = PemFiles.readCertificate(dir.resolve("ca.crt"));
    assertEquals(0, ca.getBasicConstraints());
    ca.verify(ca.getPublicKey());
    String before = Files.readString(dir.resolve("ca.crt"));

    assertEquals(1, run("init", "--dir", dir.toString()));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().startsWith("pki init: a CA already exists in " + dir), err.toString());
    assertEquals(before, Files.readString(dir.resolve("ca.crt")));

    assertEquals(0, run("init", "--dir", dir.toString(), "--force"));
    assertFalse(before.equals(Files.readString(dir.resolve("ca.crt"))));
  }

  @Test
  void issueAgentWritesABundleChainedToTheCaWithTheSans() throws Exception {
    assertEquals(0, run("init", "--dir", dir.toString()));
    assertEquals(0, run("issue", "agent", "--dir", dir.toString(), "--name", "h1",
        "--san", "10.0.0.1", "--san", "h1.example"), err.toString());
    Path bundle = dir.resolve("agents/h1");
    try (var files = Files.list(bundle)) {
      assertEquals(Set.of("ca.crt", "agent.crt", "agent.key"),
          new HashSet<>(files.map(p -> p.getFileName().toString()).toList()));
    }
    assertEquals("rw-------", mode(bundle.resolve("agent.key")));
    assertEquals("rw-r--r--", mode(bundle.resolve("agent.crt")));
    X509Certificate ca = PemFiles.readCertificate(dir.resolve("ca.crt"));
    X509Certificate cert = PemFiles.readCertificate(bundle.resolve("agent.crt"));
    cert.verify(ca.getPublicKey());
    assertEquals(ca.getSubjectX500Principal(), cert.getIssuerX500Principal());
    assertEquals(Set.of(List.of(7, "10.0.0.1"), List.of(2, "h1.example"), List.of(6, "urn:redis-fleet:role:agent")),
        new HashSet<>(cert.getSubjectAlternativeNames()));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage()); // serverAuth
    assertTrue(cert.getSubjectX500Principal().getName().contains("CN=h1"));
    assertEquals(-1, cert.getBasicConstraints());
    assertEquals(Files.readString(dir.resolve("ca.crt")), Files.readString(bundle.resolve("ca.crt")));
    // the key in the bundle belongs to the certificate
    var key = PemFiles.readPrivateKey(bundle.resolve("agent.key"));
    var sig = java.security.Signature.getInstance("SHA256withECDSA");
    sig.initSign(key);
    sig.update(new byte[] {1, 2, 3});
    byte[] s = sig.sign();
    sig.initVerify(cert.getPublicKey());
    sig.update(new byte[] {1, 2, 3});
    assertTrue(sig.verify(s));
  }

  @Test
  void issueAgentToAnOutputDirectory() throws Exception {
    run("init", "--dir", dir.toString());
    Path out = dir.resolve("drop/etc-redis-fleet-tls");
    assertEquals(0, run("issue", "agent", "--dir", dir.toString(), "--name", "h2", "--san", "::1", "--out", out.toString()));
    X509Certificate cert = PemFiles.readCertificate(out.resolve("agent.crt"));
    assertEquals(7, cert.getSubjectAlternativeNames().iterator().next().get(0));
    assertTrue(Files.exists(out.resolve("agent.key")) && Files.exists(out.resolve("ca.crt")));
  }

  @Test
  void issueControllerWritesItsBundle() throws Exception {
    run("init", "--dir", dir.toString());
    assertEquals(0, run("issue", "controller", "--dir", dir.toString()), err.toString());
    Path bundle = dir.resolve("controller");
    X509Certificate cert = PemFiles.readCertificate(bundle.resolve("controller.crt"));
    cert.verify(PemFiles.readCertificate(bundle.resolve("ca.crt")).getPublicKey());
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage()); // clientAuth
    assertTrue(cert.getSubjectX500Principal().getName().contains("CN=controller"));
    // the role the agents check: only this command writes it
    assertEquals(List.of(List.of(6, "urn:redis-fleet:role:controller")), List.copyOf(cert.getSubjectAlternativeNames()));
    assertEquals("rw-------", mode(bundle.resolve("controller.key")));
  }

  @Test
  void errorsAreOneLineAndExitOne() throws Exception {
    assertEquals(1, run("issue", "agent", "--dir", dir.toString(), "--name", "h1", "--san", "10.0.0.1"));
    assertEquals(List.of("pki issue agent: no CA in " + dir + " (expected ca.crt and ca.key; run 'controller pki init --dir "
        + dir + "')"), err.toString().lines().toList());
    run("init", "--dir", dir.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run("issue", "agent", "--dir", dir.toString(), "--name", "h1", "--san", "not a name!"));
    assertEquals(List.of("pki issue agent: 'not a name!' is neither an IP address nor a DNS name"), err.toString().lines().toList());
    err.getBuffer().setLength(0);
    assertEquals(1, run("issue", "agent", "--dir", dir.toString(), "--name", "../etc", "--san", "10.0.0.1"));
    assertTrue(err.toString().contains("'../etc' is not a valid name"), err.toString());
    assertFalse(Files.exists(dir.resolve("etc")));
  }

  @Test
  void issueRedisIssuesWhatTheInventoryNeedsOnce() throws Exception {
    assertEquals(0, run("init", "--dir", dir.resolve("pki").toString()));
    Path file = dir.resolve("inv.conf");
    Files.writeString(file, String.join("\n",
        "hosts { h1 { address = \"10.0.0.1\" }, h2 { address = \"10.0.0.2\" } }",
        "controller.pki-dir = \"pki\"",
        "clusters.main { replicas = 0, tls { enabled = yes }, nodes = [ \"h1:7000\", \"h1:7001\", \"h2:7002\" ] }",
        ""));
    out.getBuffer().setLength(0);
    assertEquals(0, run("issue", "redis", file.toString()), err.toString());
    assertEquals(file + ": Redis certificates of 1 TLS cluster(s)/group(s) are in place", out.toString().strip());
    for (String leaf : List.of("hosts/h1", "hosts/h2", "client")) {
      PemFiles.readCertificate(dir.resolve("pki/redis/" + leaf + "/redis.crt"))
          .verify(PemFiles.readCertificate(dir.resolve("pki/ca.crt")).getPublicKey());
      assertEquals("rw-------", mode(dir.resolve("pki/redis/" + leaf + "/redis.key")));
    }
    String h1 = Files.readString(dir.resolve("pki/redis/hosts/h1/redis.crt"));
    assertEquals(0, run("issue", "redis", file.toString()), err.toString());
    assertEquals(h1, Files.readString(dir.resolve("pki/redis/hosts/h1/redis.crt")), "a usable certificate was issued again");
  }
}
