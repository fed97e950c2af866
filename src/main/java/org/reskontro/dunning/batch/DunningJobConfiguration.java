package org.reskontro.dunning.batch;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.reskontro.common.CustomerRange;
import org.reskontro.common.RejectedInputException;
import org.reskontro.common.batch.BusinessDate;
import org.reskontro.common.batch.CustomerPartitions;
import org.reskontro.common.batch.PartitionHandlers;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.jdbc.BankFileCheck;
import org.reskontro.dunning.jdbc.DunningSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code dunningJob} for a business date (identifying job parameter {@code date}): {@code dunningStep}
 * checks the bank side and the policy, then calculates, decides and applies per customer;
 * {@code collectionExportStep} writes the hand-over files of the day. A rerun (or restart) decides again from
 * the ledger, which already shows what was applied, so nothing is done twice.
 */
@Configuration(proxyBeanMethods = false)
public class DunningJobConfiguration {

    public static final String JOB_NAME = "dunningJob";
    public static final String DATE = "date";
    public static final String PARTITION_STEP_NAME = "dunningPartitionStep";
    private static final Logger log = LoggerFactory.getLogger(DunningJobConfiguration.class);

    @Bean
    Job dunningJob(JobRepository jobs, Step dunningStep, Step collectionExportStep) {
        return new JobBuilder(JOB_NAME, jobs).start(dunningStep).next(collectionExportStep).build();
    }

    /**
     * Partitioned by customer (docs/scaling.md): checks the bank side and the policy once, then cuts the customers
     * with overdue items into {@code reskontro.partitioning.grid-size} ranges of about the same number of items;
     * each range is a {@code dunningPartitionStep}, run on local threads or by remote workers. Each customer is
     * decided and applied on its own, so any grid size gives the same result.
     */
    @Bean
    Step dunningStep(JobRepository jobs, Partitioner dunningPartitioner, Step dunningPartitionStep,
                     PartitionHandlers partitions) {
        return new StepBuilder("dunningStep", jobs)
                .partitioner(PARTITION_STEP_NAME, dunningPartitioner)
                .splitter(partitions.splitter(PARTITION_STEP_NAME, dunningPartitioner))
                .partitionHandler(partitions.handler(dunningPartitionStep))
                .build();
    }

    @Bean
    @StepScope
    Partitioner dunningPartitioner(JobRepository jobs, DunningRun run, BankFileCheck bank, DunningPolicy policy,
                                   DunningSnapshots snapshots, @Value("#{stepExecution}") StepExecution manager) {
        return gridSize -> {
            LocalDate date = date(manager.getJobExecution().getJobParameters().getParameter(DATE) == null ? null
                    : manager.getJobExecution().getJobParameters().getParameter(DATE).value());
            ExecutionContext context = manager.getExecutionContext();
            if (!context.containsKey(CustomerPartitions.RANGES)) {
                List<String> problems = bank.problems(date);
                if (!problems.isEmpty()) {
                    if (policy.requireBankFiles()) {
                        throw new RejectedInputException("dunning for " + date + " waits for the bank files: "
                                + String.join("; ", problems), problems);
                    }
                    problems.forEach(p -> log.warn("dunning {}: {}", date, p));
                }
                run.checkPolicy(date);
                List<CustomerRange> ranges = CustomerRange.balance(snapshots.overdueByCustomer(date), gridSize);
                context.putString(CustomerPartitions.RANGES, CustomerPartitions.format(ranges));
                jobs.updateExecutionContext(manager);
            }
            return CustomerPartitions.contexts(CustomerPartitions.parse(context.getString(CustomerPartitions.RANGES)),
                    Map.of());
        };
    }

    /** One customer range: calculate, decide and apply per customer. */
    @Bean
    Step dunningPartitionStep(JobRepository jobs, PlatformTransactionManager tx, DunningRun run) {
        return new StepBuilder(PARTITION_STEP_NAME, jobs)
                .tasklet((contribution, context) -> {
                    LocalDate date = date(context.getStepContext().getJobParameters().get(DATE));
                    CustomerRange range = CustomerPartitions.of(
                            context.getStepContext().getStepExecution().getExecutionContext());
                    DunningRun.Summary s = run.run(date, false, range, d -> { });
                    count(contribution, s);
                    log.info("dunning {} customers {}..{}: {}", date, range.min(), range.max(), s);
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }

    @Bean
    Step collectionExportStep(JobRepository jobs, PlatformTransactionManager tx, CollectionExport export) {
        return new StepBuilder("collectionExportStep", jobs)
                .tasklet((contribution, context) -> {
                    LocalDate date = date(context.getStepContext().getJobParameters().get(DATE));
                    int n = export.write(date);
                    contribution.incrementWriteCount(n);
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }

    private static void count(StepContribution contribution, DunningRun.Summary s) {
        for (long i = 0; i < s.invoices; i++) { // read = overdue invoices evaluated
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(s.escalations);
    }

    static LocalDate date(Object value) {
        return BusinessDate.of(value, "dunning");
    }
}
