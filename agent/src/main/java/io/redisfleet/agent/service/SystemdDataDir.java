package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * Makes a node's data directory ready for its unit: it exists, belongs to the service user and
 * group (redis:redis on hosts) and is mode 0750, since the unit runs redis-server as that user
 * and may write nowhere else.
 *
 * @param user owner of the directory
 * @param group group of the directory
 */
record SystemdDataDir(String user, String group) {

  static SystemdDataDir redis() {
    return new SystemdDataDir("redis", "redis");
  }

  void prepare(NodeLayout node) throws AgentException {
    Path dir = node.dataDir();
    try {
      Files.createDirectories(dir);
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
      GroupPrincipal groupPrincipal = lookup.lookupPrincipalByGroupName(group);
      view.setOwner(lookup.lookupPrincipalByName(user));
      view.setGroup(groupPrincipal);
      view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
    } catch (IOException e) {
      throw new AgentException(AgentException.Kind.NEEDS_OPERATOR,
          "node " + node.port() + ": preparing data dir " + dir + " for " + user + ":" + group
              + " failed: " + e, e);
    }
  }
}
