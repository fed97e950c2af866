package org.reskontro.matching.batch;

import java.time.LocalDate;

import org.reskontro.matching.BankPayment;
import org.reskontro.matching.Matcher;
import org.reskontro.matching.jdbc.OpenTransactionReader;
import org.reskontro.matching.jdbc.MatchIndexLoader;
import org.reskontro.matching.jdbc.MatchWriter;
import org.reskontro.matching.jdbc.Credits;
import org.reskontro.matching.jdbc.MatchingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code matchJob}: one chunk step, {@code matchStep} (reused by the nightly job), that reads the OPEN bank
 * transactions booked up to the business date (a page at a time, by key), decides each against the open-invoice index and writes the matches
 * in batches. Matched transactions leave OPEN in the same transaction as their postings, so a rerun or a restart
 * finds only what is left and changes nothing that was done.
 */
@Configuration(proxyBeanMethods = false)
public class MatchJobConfiguration {

    public static final String JOB_NAME = "matchJob";
    public static final String STEP_NAME = "matchStep";
    public static final String CREDIT_STEP_NAME = "creditStep";
    private static final Logger log = LoggerFactory.getLogger(MatchJobConfiguration.class);

    @Bean
    Job matchJob(JobRepository jobs, Step matchStep, Step creditStep) {
        return new JobBuilder(JOB_NAME, jobs).start(matchStep).next(creditStep).build();
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
                    Object date = context.getStepContext().getJobParameters().get("date");
                    LocalDate day = date instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(date));
                    Credits.Applied applied = credits.applyAll(day);
                    contribution.incrementWriteCount(applied.allocations());
                    log.info("creditStep {}: {}", day, applied);
                    return RepeatStatus.FINISHED;
                }, tx)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step matchStep(JobRepository jobs, PlatformTransactionManager tx, OpenTransactions openTransactionReader,
                   MatchChunkWriter matchChunkWriter, MatchingProperties properties) {
        return new StepBuilder(STEP_NAME, jobs).<BankPayment, BankPayment>chunk(properties.chunkSize())
                .transactionManager(tx)
                .reader(openTransactionReader)
                .writer(matchChunkWriter)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    OpenTransactions openTransactionReader(JdbcTemplate jdbc, MatchingProperties properties,
                                           @Value("#{jobParameters['date']}") LocalDate date) {
        return new OpenTransactions(new OpenTransactionReader(jdbc, date, properties.fetchSize()));
    }

    @Bean
    @StepScope
    MatchChunkWriter matchChunkWriter(MatchIndexLoader loader, MatchWriter writer, MatchingProperties properties,
                                      @Value("#{jobParameters['date']}") LocalDate date) {
        return new MatchChunkWriter(loader, writer, new Matcher(properties.policy()), date);
    }
}
