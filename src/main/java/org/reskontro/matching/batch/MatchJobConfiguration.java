package org.reskontro.matching.batch;

import java.time.LocalDate;

import org.reskontro.matching.BankPayment;
import org.reskontro.matching.Matcher;
import org.reskontro.matching.jdbc.OpenTransactionReader;
import org.reskontro.matching.jdbc.MatchIndexLoader;
import org.reskontro.matching.jdbc.MatchWriter;
import org.reskontro.matching.jdbc.MatchingProperties;
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

    @Bean
    Job matchJob(JobRepository jobs, Step matchStep) {
        return new JobBuilder(JOB_NAME, jobs).start(matchStep).build();
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
