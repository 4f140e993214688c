-- Cluster-wide locks with a lease (ClusterLocks): one replica at a time runs a scheduled job.
CREATE TABLE platform_locks (
    name         VARCHAR(100) PRIMARY KEY,
    locked_by    VARCHAR(100),
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL
);
