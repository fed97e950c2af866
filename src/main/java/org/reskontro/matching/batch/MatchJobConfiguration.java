package org.reskontro.matching.batch;

import java.time.LocalDate;

import org.reskontro.common.CustomerRange;
import org.reskontro.common.batch.BusinessDate;
import org.reskontro.common.batch.PartitioningProperties;
import org.reskontro.common.batch.PartitionHandlers;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.Matcher;
import org.reskontro.matching.jdbc.MatchIndexLoader;
import org.reskontro.matching.jdbc.MatchRoutes;
import org.reskontro.matching.jdbc.Credits;
import org.reskontro.matching.jdbc.MatchWriter;
import org.reskontro.matching.jdbc.SettledReferences;
import org.reskontro.matching.jdbc.MatchingProperties;
import org.reskontro.matching.jdbc.OpenTransactionReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code matchJob}, and its steps that the nightly job reuses (docs/scaling.md):
 * <ol>
 * <li>{@code matchStep}, partitioned by customer: {@link MatchPartitioner} routes each OPEN transaction booked up
 * to the business date to the one customer its decision can touch and cuts the customers into
 * {@code reskontro.partitioning.grid-size} ranges; each range is a {@code matchPartitionStep} (a chunk step:
 * its transactions in id order, decided against the open-invoice index and written in batches), run on local
 * threads or by remote workers;</li>
 * <li>{@code matchLeftoverStep}: the transactions routed to no single customer, serially, after the partitions;</li>
 * <li>{@code creditStep}: money on a customer's account is used on the same customer's open invoices.</li>
 * </ol>
 * Grid size 1 runs the same two phases with one range, so any grid size gives the same result. Matched
 * transactions leave OPEN in the same transaction as their postings, so a rerun or a restart finds only what is
 * left; a restart runs only the partitions that did not finish.
 */
@Configuration(proxyBeanMethods = false)
public class MatchJobConfiguration {

    public static final String JOB_NAME = "matchJob";
    public static final String STEP_NAME = "matchStep";
    public static final String PARTITION_STEP_NAME = "matchPartitionStep";
    public static final String LEFTOVER_STEP_NAME = "matchLeftoverStep";
    public static final String CREDIT_STEP_NAME = "creditStep";
    private static final Logger log = LoggerFactory.getLogger(MatchJobConfiguration.class);

    @Bean
    Job matchJob(JobRepository jobs, Step matchStep, Step matchLeftoverStep, Step creditStep) {
        return new JobBuilder(JOB_NAME, jobs).start(matchStep).next(matchLeftoverStep).next(creditStep).build();
    }

    /**
     * After matching: money on a customer's account (overpayments, payments for invoices settled meanwhile) is
     * used on the same customer's open invoices, so nobody is dunned for what they have already paid. Each
     * customer in its own transaction under the customer lock; a rerun finds nothing left to use.
     */
    @Bean
    Step creditStep(JobRepository jobs, PlatformTransactionManager tx, Credits credits, MatchingProperties properties) {
        return new StepBuilder(CREDIT_STEP_NAME, jobs)
                .tasklet((contribution, context) -> {
                    if (!properties.applyCredit()) {
                        log.info("creditStep: reskontro.matching.apply-credit is false; credits stay on account");
                        return RepeatStatus.FINISHED;
                    }
                    LocalDate day = BusinessDate.of(context.getStepContext().getJobParameters().get("date"), "matching");
                    Credits.Applied applied = credits.applyAll(day);
                    contribution.incrementWriteCount(applied.allocations());
                    log.info("creditStep {}: {}", day, applied);
                    return RepeatStatus.FINISHED;
                }, tx)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step matchStep(JobRepository jobs, MatchPartitioner matchPartitioner, Step matchPartitionStep,
                   PartitionHandlers partitions) {
        return new StepBuilder(STEP_NAME, jobs)
                .partitioner(PARTITION_STEP_NAME, matchPartitioner)
                .splitter(partitions.splitter(PARTITION_STEP_NAME, matchPartitioner))
                .partitionHandler(partitions.handler(matchPartitionStep))
                .build();
    }

    @Bean
    Step matchPartitionStep(JobRepository jobs, PlatformTransactionManager tx, OpenTransactions routedTransactionReader,
                            MatchChunkWriter partitionMatchWriter, MatchingProperties properties) {
        return new StepBuilder(PARTITION_STEP_NAME, jobs).<BankPayment, BankPayment>chunk(properties.chunkSize())
                .transactionManager(tx)
                .reader(routedTransactionReader)
                .writer(partitionMatchWriter)
                .build();
    }

    @Bean
    Step matchLeftoverStep(JobRepository jobs, PlatformTransactionManager tx, OpenTransactions leftoverTransactionReader,
                           MatchChunkWriter leftoverMatchWriter, MatchingProperties properties) {
        return new StepBuilder(LEFTOVER_STEP_NAME, jobs).<BankPayment, BankPayment>chunk(properties.chunkSize())
                .transactionManager(tx)
                .reader(leftoverTransactionReader)
                .writer(leftoverMatchWriter)
                .build();
    }

    @Bean
    RoutingIndexHandover routingIndexHandover() {
        return new RoutingIndexHandover();
    }

    @Bean
    @StepScope
    MatchPartitioner matchPartitioner(JobRepository jobs, MatchIndexLoader loader, MatchRoutes routes,
                                      RoutingIndexHandover handover, PartitioningProperties partitioning,
                                      @Value("#{stepExecution}") StepExecution stepExecution,
                                      @Value("#{jobParameters['date']}") LocalDate date) {
        return new MatchPartitioner(jobs, stepExecution, loader, routes, date, handover, !partitioning.remote());
    }

    @Bean
    @StepScope
    OpenTransactions routedTransactionReader(JdbcTemplate jdbc, MatchingProperties properties, PartitionHandlers partitions,
                                             @Value("#{jobParameters['date']}") LocalDate date,
                                             @Value("#{stepExecutionContext['matchRouteId']}") Long routeId,
                                             @Value("#{stepExecutionContext['minCustomer']}") Long min,
                                             @Value("#{stepExecutionContext['maxCustomer']}") Long max) {
        OpenTransactionReader pages = OpenTransactionReader.routedTo(jdbc, date, properties.fetchSize(), routeId, min, max);
        // reading ahead takes a connection of its own beside the chunk's: only where a partition has the pool's
        // room for more than one (as for its write connections), not when many partitions run side by side
        return properties.writeConnections(partitions.gridSize()) > 1
                ? OpenTransactions.readingAhead(pages, properties.fetchSize()) : new OpenTransactions(pages);
    }

    @Bean
    @StepScope
    MatchChunkWriter partitionMatchWriter(MatchIndexLoader loader, MatchWriter writer, SettledReferences settled,
                                          MatchRoutes routes,
                                          MatchingProperties properties, RoutingIndexHandover handover,
                                          PlatformTransactionManager tx, PartitionHandlers partitions,
                                          @Value("#{jobParameters['date']}") LocalDate date,
                                          @Value("#{stepExecutionContext['matchRouteId']}") Long routeId,
                                          @Value("#{stepExecutionContext['minCustomer']}") Long min,
                                          @Value("#{stepExecutionContext['maxCustomer']}") Long max) {
        return new MatchChunkWriter(loader, writer, settled, routes, new Matcher(properties.policy()), date, routeId,
                new CustomerRange(min, max), handover, tx, properties.writeConnections(partitions.gridSize()));
    }

    @Bean
    @StepScope
    OpenTransactions leftoverTransactionReader(JdbcTemplate jdbc, MatchingProperties properties,
                                               @Value("#{jobParameters['date']}") LocalDate date,
                                               @Value("#{jobExecutionContext['matchRouteId']}") Long routeId) {
        return new OpenTransactions(OpenTransactionReader.leftOverBy(jdbc, date, properties.fetchSize(),
                routeId == null ? -1 : routeId));
    }

    @Bean
    @StepScope
    MatchChunkWriter leftoverMatchWriter(MatchIndexLoader loader, MatchWriter writer, SettledReferences settled,
                                         MatchRoutes routes,
                                         MatchingProperties properties, RoutingIndexHandover handover,
                                         @Value("#{jobParameters['date']}") LocalDate date,
                                         @Value("#{jobExecutionContext['matchRouteId']}") Long routeId) {
        return new MatchChunkWriter(loader, writer, settled, routes, new Matcher(properties.policy()), date,
                routeId == null ? -1 : routeId, null, handover, null, 1);
    }
}
