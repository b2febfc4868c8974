package io.redisfleet.contract;

/**
 * Turns off the JFR events Netty 4.2 (shaded inside grpc-netty-shaded) emits for its buffer
 * allocations, unless the operator asked for them ({@code -Dio.grpc.netty.shaded.io.netty.jfr.enabled=true}).
 * With them on, the first buffer a channel allocates registers Netty's event classes with the
 * Flight Recorder, which loads and spins up about a hundred JFR classes that an AppCDS archive
 * cannot hold (event classes are instrumented at load): measured in a controller run against three
 * agents, ≈ 0.15 s of a 1.2 s run; in the agent, classes and memory it keeps for nothing. Nothing in
 * redis-fleet records JFR, so the events had no reader. Called first thing in each main, before
 * any Netty class is loaded (Netty reads the property once).
 */
public final class NettyJfrEvents {

  static final String PROPERTY = "io.grpc.netty.shaded.io.netty.jfr.enabled";

  private NettyJfrEvents() {}

  public static void offUnlessAsked() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "false");
    }
  }
}
