package io.redisfleet.controller.agentclient;

import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.HostCheck;
import io.redisfleet.controller.model.ProbeNode;

/** Preflight's host checks and endpoint probes between the wire and the controller's records: preflight/ never reads proto. */
final class Probes {

  private Probes() {}

  static HostCheck check(io.redisfleet.agent.v1.HostCheck c) {
    return new HostCheck(c.getName(), io.redisfleet.contract.WireEnums.severity(c.getLevel(), c.getSeverity()), c.getObserved(), c.getExpected(), c.getFix(), c.getSysctl());
  }

  static EndpointProbe probe(io.redisfleet.agent.v1.EndpointProbe p) {
    return new EndpointProbe(new Endpoint(p.getEndpoint().getHost(), p.getEndpoint().getPort()), p.getResult(),
        p.getDetail());
  }

  static io.redisfleet.agent.v1.ProbeNode node(ProbeNode n) {
    return io.redisfleet.agent.v1.ProbeNode.newBuilder().setNode(Protos.endpoint(n.node()))
        .setClusterPort(n.clusterPort()).build();
  }
}
