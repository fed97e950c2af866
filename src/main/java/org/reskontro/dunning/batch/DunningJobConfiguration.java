package org.reskontro.dunning.batch;

import java.time.LocalDate;
import java.util.List;

import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.jdbc.BankFileCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
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
    private static final Logger log = LoggerFactory.getLogger(DunningJobConfiguration.class);

    @Bean
    Job dunningJob(JobRepository jobs, Step dunningStep, Step collectionExportStep) {
        return new JobBuilder(JOB_NAME, jobs).start(dunningStep).next(collectionExportStep).build();
    }

    @Bean
    Step dunningStep(JobRepository jobs, PlatformTransactionManager tx, DunningRun run, BankFileCheck bank,
                     DunningPolicy policy) {
        return new StepBuilder("dunningStep", jobs)
                .tasklet((contribution, context) -> {
                    LocalDate date = date(context.getStepContext().getJobParameters().get(DATE));
                    List<String> problems = bank.problems(date);
                    if (!problems.isEmpty()) {
                        if (policy.requireBankFiles()) {
                            throw new RejectedInputException("dunning for " + date + " waits for the bank files: "
                                    + String.join("; ", problems), problems);
                        }
                        problems.forEach(p -> log.warn("dunning {}: {}", date, p));
                    }
                    DunningRun.Summary s = run.run(date, false, d -> { });
                    count(contribution, s);
                    log.info("dunning {}: {}", date, s);
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
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value == null) {
            throw new RejectedInputException("the dunning job needs the job parameter 'date'");
        }
        return LocalDate.parse(value.toString());
    }
}
