package org.reskontro.common.batch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code reskontro.partitioning.*} (docs/scaling.md): how many customer ranges the matching and
 * dunning steps are split into, how many of them run at once in this process, and the role of this process
 * when partitions are sent to other machines over RabbitMQ ({@code spring.rabbitmq.*}).
 *
 * @param gridSize     customer ranges per partitioned step (1: one range, the whole ledger)
 * @param threads      partitions run at once in this process (role single); 0: as many as the grid size
 * @param role         {@code single} (partitions on local threads), {@code manager} (sends them to workers),
 *                     {@code worker} (runs what managers send); {@code serve --role} sets it
 * @param queue        the RabbitMQ queue that carries partition requests from managers to workers
 * @param pollInterval how often the manager reads the job repository for finished partitions
 * @param timeout      how long the manager waits for all partitions before it fails the step
 */
@ConfigurationProperties("reskontro.partitioning")
public record PartitioningProperties(
        @DefaultValue("1") int gridSize,
        @DefaultValue("0") int threads,
        @DefaultValue("single") String role,
        @DefaultValue("reskontro.partitions") String queue,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("6h") Duration timeout) {

    public static final String ROLE = "reskontro.partitioning.role";
    public static final String MANAGER = "manager";
    public static final String WORKER = "worker";
    public static final String SINGLE = "single";

    public PartitioningProperties {
        if (!role.equals(SINGLE) && !role.equals(MANAGER) && !role.equals(WORKER)) {
            throw new IllegalArgumentException("reskontro.partitioning.role must be single, manager or worker, not '"
                    + role + "'");
        }
        if (gridSize < 1) {
            throw new IllegalArgumentException("reskontro.partitioning.grid-size must be at least 1");
        }
    }

    public boolean remote() {
        return role.equals(MANAGER);
    }
}
