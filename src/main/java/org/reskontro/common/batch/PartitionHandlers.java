package org.reskontro.common.batch;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Runs the partitions of a partitioned step: on local threads (role {@code single}, and {@code worker}, which
 * never starts a partitioned step itself) or, for a {@code manager}, by sending one request per partition to the
 * workers over RabbitMQ and polling the shared job repository until every partition has finished (or the timeout
 * has passed). This is what Spring Batch Integration's {@code RemotePartitioningManagerStepBuilder} builds; it is
 * made here so that one step definition serves every role.
 */
public final class PartitionHandlers {

    private final PartitioningProperties properties;
    private final JobRepository jobRepository;
    private final MessageChannel requests;
    private final java.util.List<org.springframework.batch.core.partition.support.AbstractPartitionHandler> handlers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<SimpleAsyncTaskExecutor> executors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int gridSize;

    /** {@code requests}: the channel to the workers; null unless this process is a manager. */
    public PartitionHandlers(PartitioningProperties properties, JobRepository jobRepository, MessageChannel requests) {
        this.properties = properties;
        this.jobRepository = jobRepository;
        this.requests = requests;
        this.gridSize = properties.gridSize();
    }

    public int gridSize() {
        return gridSize;
    }

    /**
     * Changes the grid size of every partitioned step from the next run on (tests and {@code bench}; production
     * reads {@code reskontro.partitioning.grid-size}). A restart keeps the split of the run it continues.
     */
    public void resize(int grid) {
        if (grid < 1) {
            throw new IllegalArgumentException("grid size must be at least 1");
        }
        gridSize = grid;
        handlers.forEach(h -> h.setGridSize(grid));
        if (properties.threads() <= 0) {
            executors.forEach(e -> e.setConcurrencyLimit(grid));
        }
    }

    /** The splitter of a partitioned step whose partitions run {@code workerStepName} with ranges from {@code partitioner}. */
    public StepExecutionSplitter splitter(String workerStepName, Partitioner partitioner) {
        return new CustomerRangeSplitter(jobRepository, workerStepName, partitioner);
    }

    /** The handler for a partitioned step whose partitions run {@code workerStep} (a bean of the same name). */
    public PartitionHandler handler(Step workerStep) {
        if (properties.remote()) {
            MessageChannelPartitionHandler remote = new MessageChannelPartitionHandler();
            remote.setStepName(workerStep.getName());
            remote.setGridSize(gridSize);
            remote.setJobRepository(jobRepository);
            remote.setPollInterval(properties.pollInterval().toMillis());
            remote.setTimeout(properties.timeout().toMillis());
            MessagingTemplate template = new MessagingTemplate();
            template.setDefaultChannel(requests);
            remote.setMessagingOperations(template);
            try {
                remote.afterPropertiesSet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            handlers.add(remote);
            return remote;
        }
        TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
        local.setStep(workerStep);
        local.setGridSize(gridSize);
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(workerStep.getName() + "-");
        threads.setConcurrencyLimit(properties.threads() > 0 ? properties.threads() : gridSize);
        local.setTaskExecutor(threads);
        handlers.add(local);
        executors.add(threads);
        return local;
    }
}
