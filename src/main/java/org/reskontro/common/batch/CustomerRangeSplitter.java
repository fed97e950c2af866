package org.reskontro.common.batch;

import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Spring Batch's splitter, with one repair: on a restart it gives each partition the context of its last
 * execution, which is empty when the process died (or lost its database connection) between creating the
 * partition and storing its context. Here every partition to run gets its range from the partitioner, which
 * answers from what the manager step stored (the same split as the run it continues) or splits afresh when
 * nothing was stored; a partition's context is therefore always that of the current split.
 */
final class CustomerRangeSplitter implements StepExecutionSplitter {

    private final SimpleStepExecutionSplitter delegate;
    private final Partitioner partitioner;
    private final JobRepository jobRepository;

    CustomerRangeSplitter(JobRepository jobRepository, String workerStepName, Partitioner partitioner) {
        this.delegate = new SimpleStepExecutionSplitter(jobRepository, workerStepName, partitioner);
        this.partitioner = partitioner;
        this.jobRepository = jobRepository;
    }

    @Override
    public String getStepName() {
        return delegate.getStepName();
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        Set<StepExecution> partitions = delegate.split(manager, gridSize);
        int grid = (int) manager.getExecutionContext().getLong(
                SimpleStepExecutionSplitter.class.getSimpleName() + ".GRID_SIZE", gridSize);
        Map<String, ExecutionContext> contexts = partitioner.partition(grid);
        for (StepExecution partition : partitions) {
            String name = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
            ExecutionContext wanted = contexts.get(name);
            if (wanted != null && !wanted.entrySet().equals(partition.getExecutionContext().entrySet())) {
                wanted.entrySet().forEach(e -> partition.getExecutionContext().put(e.getKey(), e.getValue()));
                jobRepository.updateExecutionContext(partition);
            }
        }
        return partitions;
    }
}
