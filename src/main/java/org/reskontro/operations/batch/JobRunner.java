package org.reskontro.operations.batch;

import java.time.Duration;

import org.reskontro.common.RejectedInputException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts jobs and turns their outcome into a sealed {@link Outcome}: the command line prints it and maps it
 * to an exit code.
 */
public class JobRunner {

    private final JobOperator operator;
    private final JobRepository repository;

    public JobRunner(JobOperator operator, JobRepository repository) {
        this.operator = operator;
        this.repository = repository;
    }

    /** What became of a job start. */
    public sealed interface Outcome {
        /** The job ran to the end. */
        record Completed(JobExecution execution) implements Outcome {
        }

        /** The job stopped on bad input; nothing of that input was posted. */
        record Rejected(JobExecution execution, RejectedInputException reason) implements Outcome {
        }

        /** The job failed for another reason; it can be restarted. */
        record Failed(JobExecution execution, Throwable cause) implements Outcome {
        }

        /** The same job with the same identifying parameters completed before: nothing was done. */
        record AlreadyComplete(String message) implements Outcome {
        }

        /** The same job instance is running now (another process or thread). */
        record AlreadyRunning(String message) implements Outcome {
        }
    }

    public Outcome run(Job job, JobParameters parameters) {
        JobExecution execution;
        try {
            execution = operator.start(job, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            return new Outcome.AlreadyComplete(job.getName() + " already completed for these parameters; nothing to do");
        } catch (JobExecutionAlreadyRunningException e) {
            return new Outcome.AlreadyRunning(job.getName() + " is already running for these parameters");
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + job.getName() + ": " + e.getMessage(), e);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            // as stored: the partitions a remote worker ran are only up to date in the job repository
            JobExecution stored = repository.getJobExecution(execution.getId());
            return outcomeOf(stored != null ? stored : execution);
        }
        return outcomeOf(execution);
    }

    public Outcome restart(long executionId) {
        JobExecution stopped = repository.getJobExecution(executionId);
        if (stopped != null) {
            failStalledPartitions(stopped);
        }
        try {
            Long id = operator.restart(executionId);
            return outcomeOf(repository.getJobExecution(id));
        } catch (JobInstanceAlreadyCompleteException e) {
            return new Outcome.AlreadyComplete("execution " + executionId + " completed already; nothing to restart");
        } catch (Exception e) {
            throw new RejectedInputException("cannot restart execution " + executionId + ": " + e.getMessage());
        }
    }

    /**
     * Marks as FAILED the executions of a job that the repository still shows as running although no process
     * runs them (the caller holds the job's run lock, so any "running" one was left by a process that died).
     * A restart then continues from the step that failed.
     */
    public int recoverAbandoned(String jobName) {
        int n = 0;
        for (JobExecution execution : repository.findRunningJobExecutions(jobName)) {
            operator.recover(execution);
            n++;
        }
        return n;
    }

    /**
     * Marks FAILED the job and step executions of the last run with these parameters that Spring Batch left
     * UNKNOWN because a failure could not be rolled back (e.g. the database connection was lost in the middle of
     * a chunk). Spring Batch refuses to restart those; here every write is idempotent and each chunk commits
     * together with its step metadata, so restarting from the last committed chunk is safe. The same for partitions
     * left running after their job ended (a worker that died, docs/scaling.md). Returns how many
     * executions were changed.
     */
    public int recoverUnknown(String jobName, JobParameters parameters) {
        JobExecution last = repository.getLastJobExecution(jobName, parameters);
        if (last == null) {
            return 0;
        }
        int n = failStalledPartitions(last);
        for (org.springframework.batch.core.step.StepExecution step : last.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED.addExitDescription(
                        "was UNKNOWN (a failure that could not be rolled back); restartable: every write is idempotent"));
                repository.update(step);
                n++;
            }
        }
        if (last.getStatus() == BatchStatus.UNKNOWN) {
            last.setStatus(BatchStatus.FAILED);
            last.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
            repository.update(last);
            n++;
        }
        return n;
    }

    /**
     * Marks FAILED the step executions that still show as running although their job execution has ended: the
     * partitions of a worker that died (docs/scaling.md), which the manager gave up on (timeout or a failed
     * partition). Spring Batch refuses to restart a step left STARTED; the partition's writes are idempotent, so
     * running it again on restart is safe. Returns how many were changed.
     */
    private int failStalledPartitions(JobExecution execution) {
        if (execution.getStatus().isRunning()) {
            return 0;
        }
        int n = 0;
        for (org.springframework.batch.core.step.StepExecution step : execution.getStepExecutions()) {
            BatchStatus was = step.getStatus();
            if (was.isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED.addExitDescription(
                        "was " + was + " after its job had ended (a worker that stopped); restartable"));
                repository.update(step);
                n++;
            }
        }
        return n;
    }

    public static Outcome outcomeOf(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome.Completed(execution);
        }
        Throwable cause = firstFailure(execution);
        RejectedInputException rejected = rejectedIn(cause);
        if (rejected != null) {
            return new Outcome.Rejected(execution, rejected);
        }
        return new Outcome.Failed(execution, cause);
    }

    private static Throwable firstFailure(JobExecution execution) {
        // a partition's own failure (step "<worker step>:partitionN") says more than its manager's summary of it
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().contains(":") && !step.getFailureExceptions().isEmpty()) {
                return step.getFailureExceptions().get(0);
            }
        }
        for (StepExecution step : execution.getStepExecutions()) {
            if (!step.getFailureExceptions().isEmpty()) {
                return step.getFailureExceptions().get(0);
            }
        }
        return execution.getAllFailureExceptions().isEmpty()
                ? new IllegalStateException(execution.getJobInstance().getJobName() + " ended " + execution.getStatus())
                : execution.getAllFailureExceptions().get(0);
    }

    private static RejectedInputException rejectedIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RejectedInputException r) {
                return r;
            }
        }
        return null;
    }

    /** One line per step: read, written, skipped and the time it took. */
    public static String summary(JobExecution execution) {
        StringBuilder sb = new StringBuilder();
        for (StepExecution s : execution.getStepExecutions()) {
            Duration d = s.getStartTime() == null || s.getEndTime() == null ? Duration.ZERO
                    : Duration.between(s.getStartTime(), s.getEndTime());
            sb.append(String.format("  %-22s %-9s read %d, written %d, skipped %d, %d ms%n", s.getStepName(),
                    s.getStatus(), s.getReadCount(), s.getWriteCount(), s.getSkipCount(), d.toMillis()));
        }
        return sb.toString();
    }
}
