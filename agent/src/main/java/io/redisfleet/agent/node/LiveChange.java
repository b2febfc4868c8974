package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Live-settable differences to a running node, persisted first: the previous conf is kept, the
 * new conf and ACL file are written (a failure here changes nothing live), then every change goes
 * in one CONFIG SET, which Redis 7 applies entirely or not at all. A refused one puts the old conf
 * and ACL file back, so the files again say what the node runs.
 */
final class LiveChange {

  private final RedisAdmin redis;
  private final NodeFiles files;
  private final ConfHistory history;

  LiveChange(RedisAdmin redis, NodeFiles files, ConfHistory history) {
    this.redis = redis;
    this.files = files;
    this.history = history;
  }

  /**
   * @param oldAcl the ACL file before, when the change rewrites it
   * @param acl the new ACL file text ("" for none)
   */
  void apply(NodeLayout node, String existing, String rendered, ConfDiff diff, Optional<String> oldAcl, String acl)
      throws AgentException {
    history.keep(node, existing);
    files.writeConf(node, rendered, "persist before the live change");
    files.writeAcl(node, acl);
    LinkedHashMap<String, String> values = new LinkedHashMap<>();
    LiveOrder.sorted(diff.changes()).forEach(c -> values.put(c.name(), c.configSetValue()));
    if (values.isEmpty()) {
      return;
    }
    try {
      // the agent logs in with the new conf's credentials, the old conf's, the spec's or none,
      // whichever the node wants now
      redis.configSet(node.port(), values);
    } catch (AgentException e) {
      files.writeConf(node, existing, "put the old conf back after the refused live change");
      if (oldAcl.isPresent()) {
        files.writeAcl(node, oldAcl.get());
      }
      throw new AgentException(e.kind(), e.getMessage() + "; nothing was changed live and the previous conf "
          + node.confFile() + " was put back", e);
    }
  }
}
