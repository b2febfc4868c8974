package io.redisfleet.controller.plan;

/**
 * One method per step type (see {@link Step#accept}): code that must treat every step type
 * (run it, name the hosts it involves) implements this, so the compiler finds a forgotten type
 * where an {@code instanceof} chain would only fail at run time.
 */
public interface StepVisitor<R> {

  R applyNode(Step.ApplyNode step);

  R setConfigEpoch(Step.SetConfigEpoch step);

  R addSlots(Step.AddSlots step);

  R meet(Step.Meet step);

  R migrateSlots(Step.MigrateSlots step);

  R replicate(Step.Replicate step);

  R forget(Step.Forget step);

  R forgetStale(Step.ForgetStale step);

  R leaveCluster(Step.LeaveCluster step);

  R replicaOf(Step.ReplicaOf step);

  R waitClusterJoined(Step.WaitClusterJoined step);

  R waitClusterReady(Step.WaitClusterReady step);

  R waitReplicasLinked(Step.WaitReplicasLinked step);

  R failover(Step.Failover step);

  R waitFailover(Step.WaitFailover step);

  R removeNode(Step.RemoveNode step);

  R rotatePassword(Step.RotatePassword step);

  R handOverMaster(Step.HandOverMaster step);

  R waitHandOver(Step.WaitHandOver step);

  R fenceWrites(Step.FenceWrites step);

  R promote(Step.Promote step);

  R liftFence(Step.LiftFence step);

  R confirmMaster(Step.ConfirmMaster step);

  R removeReplica(Step.RemoveReplica step);
}
