package org.reskontro.operations.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.reskontro.common.batch.BusinessDate;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.reports.jdbc.DailyReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code nightlyJob}: one restartable job from bank files to sent letters. The business date is the
 * identifying job parameter {@code date}: a day that completed does not run again; a day that failed restarts
 * from the step that failed. Each feature contributes its step as a bean with a known name; the job runs
 * those present, in this order.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

    public static final String JOB_NAME = "nightlyJob";
    private static final Logger log = LoggerFactory.getLogger(NightlyJobConfiguration.class);

    /**
     * The steps of the night, in order: import the inbox, match, use credits on account, dunning (and the collection hand-over files),
     * the general-ledger batch, send the letters, write the day's reports.
     */
    public static final List<String> STEP_ORDER = List.of("importInboxStep", "matchStep", "matchLeftoverStep", "creditStep",
            "dunningStep", "collectionExportStep", "journalExportStep", "sendLettersStep", "dailyReportStep");

    /** Writes the day's HTML report (and CSVs) into the reports folder; a rerun replaces it. */
    @Bean
    Step dailyReportStep(JobRepository jobs, PlatformTransactionManager tx, DailyReportWriter writer,
                         ReskontroProperties properties) {
        return new StepBuilder("dailyReportStep", jobs)
                .tasklet((contribution, context) -> {
                    LocalDate day = BusinessDate.of(context.getStepContext().getJobParameters().get("date"), "nightly");
                    Path html = writer.write(day, properties.folders().reports());
                    log.info("daily report for {}: {}", day, html.toAbsolutePath());
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }

    @Bean
    Job nightlyJob(JobRepository jobs, PlatformTransactionManager tx, Map<String, Step> steps) {
        List<Step> ordered = new ArrayList<>();
        for (String name : STEP_ORDER) {
            Step step = steps.get(name);
            if (step != null) {
                ordered.add(step);
            }
        }
        if (ordered.isEmpty()) {
            ordered.add(new StepBuilder("nothingToDo", jobs)
                    .tasklet((contribution, context) -> RepeatStatus.FINISHED, tx).build());
        }
        SimpleJobBuilder builder = new JobBuilder(JOB_NAME, jobs).start(ordered.get(0));
        for (Step step : ordered.subList(1, ordered.size())) {
            builder = builder.next(step);
        }
        return builder.build();
    }
}
