package io.redisfleet.controller.agentclient;

import io.redisfleet.agent.v1.AclUser;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.PasswordRotation;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.PasswordPhase;
import io.redisfleet.controller.model.RedisAuth;
import io.redisfleet.controller.model.RedisTls;
import io.redisfleet.controller.model.Secret;
import io.redisfleet.controller.model.SlotRange;
import java.util.Optional;

/** Conversions from the controller's model to the agent contract's messages. */
public final class Protos {

  private Protos() {}

  public static io.redisfleet.agent.v1.Endpoint endpoint(Endpoint endpoint) {
    return io.redisfleet.agent.v1.Endpoint.newBuilder().setHost(endpoint.host()).setPort(endpoint.port()).build();
  }

  public static io.redisfleet.agent.v1.SlotRange slotRange(SlotRange range) {
    return io.redisfleet.agent.v1.SlotRange.newBuilder().setStart(range.start()).setEnd(range.end()).build();
  }

  /** The one place secrets leave the model: into the spec, over the agent's mTLS channel. */
  static io.redisfleet.agent.v1.RedisAuth auth(RedisAuth auth) {
    io.redisfleet.agent.v1.RedisAuth.Builder out = io.redisfleet.agent.v1.RedisAuth.newBuilder()
        .setPassword(auth.password().reveal());
    for (RedisAuth.AclUser u : auth.users()) {
      out.addUsers(AclUser.newBuilder().setName(u.name()).addAllRules(u.rules())
          .addAllPasswords(u.passwords().stream().map(Secret::reveal).toList()));
    }
    return out.build();
  }

  /** The node's TLS: its host's certificate; the key is the other secret that leaves the model here. */
  static io.redisfleet.agent.v1.RedisTls tls(RedisTls tls, String host) {
    RedisTls.Certificate cert = tls.forHost(host).orElseThrow(() -> new IllegalStateException(
        "no Redis TLS certificate for host " + host + " (the inventory loader issues one per host)"));
    return io.redisfleet.agent.v1.RedisTls.newBuilder().setCertPem(cert.certPem())
        .setKeyPem(cert.keyPem().reveal()).setCaPem(tls.caPem()).setAuthClients(tls.authClients()).build();
  }

  /** The spec of one phase of a password change (auth only: the agent touches nothing else). */
  public static NodeSpec rotationSpec(DesiredNode node, PasswordPhase phase) {
    NodeSpec spec = nodeSpec(node, Optional.empty());
    return spec.toBuilder().setAuth(spec.getAuth().toBuilder().setRotation(switch (phase) {
      case ACCEPT_NEW -> PasswordRotation.ROTATION_ACCEPT_NEW;
      case SWITCH_MASTERAUTH -> PasswordRotation.ROTATION_SWITCH_MASTERAUTH;
    })).build();
  }

  /** The spec the agent renders a node's conf from. */
  public static NodeSpec nodeSpec(DesiredNode node, Optional<Endpoint> replicaOf) {
    NodeSpec.Builder spec = NodeSpec.newBuilder()
        .setPort(node.ref().port())
        .setClusterEnabled(node.clusterEnabled());
    replicaOf.ifPresent(m -> spec.setReplicaOf(endpoint(m)));
    node.engine().ifPresent(e -> spec.setEngine(e.wireName()));
    node.auth().ifPresent(a -> spec.setAuth(auth(a)));
    node.tls().ifPresent(t -> spec.setTls(tls(t, node.ref().host())));
    for (Directive d : node.directives()) {
      spec.addDirectives(io.redisfleet.agent.v1.Directive.newBuilder().setName(d.name()).addAllArgs(d.args()));
    }
    return spec.build();
  }
}
