package org.reskontro.common.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * A worker's handling of one partition request: Spring Batch Integration's {@link StepExecutionRequestHandler}
 * runs the partition's step execution, whose state the manager reads from the shared job repository.
 * <p>
 * Only a partition still {@code STARTING} (as the manager created it) is run. RabbitMQ delivers a request again
 * when the worker that had it died before acknowledging it; the partition is then {@code STARTED}, half done by
 * a process that is gone, and is marked {@code FAILED} here, so the manager ends the step FAILED at once and a
 * restart of the job runs that partition (and only the unfinished ones) again. Any other state (a request left
 * in the queue from an earlier run) is dropped.
 */
public final class PartitionWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;
    private final java.time.Clock clock;

    public PartitionWorker(JobRepository jobRepository, StepLocator steps, java.time.Clock clock) {
        this.clock = clock;
        this.jobRepository = jobRepository;
        this.handler = new StepExecutionRequestHandler();
        this.handler.setJobRepository(jobRepository);
        this.handler.setStepLocator(steps);
    }

    static String encode(StepExecutionRequest request) {
        return request.getStepName() + " " + request.getStepExecutionId();
    }

    public void handle(String message) {
        String[] parts = message.trim().split(" ");
        if (parts.length != 2) {
            LOG.warn("partition request '{}' dropped: not '<step> <step execution id>'", message);
            return;
        }
        long id = Long.parseLong(parts[1]);
        StepExecution execution = jobRepository.getStepExecution(id);
        if (execution == null) {
            LOG.warn("partition request for step execution {} dropped: not in the job repository", id);
            return;
        }
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.STARTED || status == BatchStatus.STOPPING) {
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned: the worker that ran this partition "
                    + "stopped before it finished (request delivered again); restart the job to run it again"));
            execution.setEndTime(java.time.LocalDateTime.now(clock));
            jobRepository.update(execution);
            LOG.warn("partition {} (step execution {}) was left {} by a worker that stopped; marked FAILED",
                    execution.getStepName(), id, status);
            return;
        }
        if (status != BatchStatus.STARTING) {
            LOG.info("partition request for {} (step execution {}, {}) dropped: not waiting to start",
                    execution.getStepName(), id, status);
            return;
        }
        LOG.info("running partition {} (step execution {})", execution.getStepName(), id);
        StepExecution done = handler.handle(new StepExecutionRequest(parts[0], id));
        StepExecution stored = jobRepository.getStepExecution(id);
        if (stored != null && stored.getStatus().isRunning() && !done.getStatus().isRunning()) {
            // the step failed before it could record its own end: record it, the manager polls for it
            done.setEndTime(java.time.LocalDateTime.now(clock));
            jobRepository.update(done);
        }
        LOG.info("partition {} (step execution {}) {}", execution.getStepName(), id, done.getStatus());
    }
}
