package org.reskontro.matching.batch;

import java.time.LocalDate;

import org.reskontro.common.batch.BusinessDate;
import org.reskontro.matching.jdbc.JournalBatches;
import org.reskontro.operations.config.ReskontroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly job's {@code journalExportStep}: the business date's general-ledger batch, {@code journal-<date>.csv} in
 * the export folder, with every posting booked since the last batch (see {@link JournalBatches}).
 */
@Configuration(proxyBeanMethods = false)
public class JournalExportStepConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JournalExportStepConfiguration.class);

    @Bean
    Step journalExportStep(JobRepository jobs, PlatformTransactionManager tx, JournalBatches batches,
                           ReskontroProperties properties) {
        return new StepBuilder("journalExportStep", jobs)
                .tasklet((contribution, context) -> {
                    LocalDate day = BusinessDate.of(context.getStepContext().getJobParameters().get("date"), "nightly");
                    JournalBatches.Batch b = batches.write(day, properties.folders().export());
                    contribution.incrementWriteCount(b.lines());
                    log.info("journal batch {}: {} line(s), postings {} to {}{}: {}", day, b.lines(), b.afterId() + 1,
                            b.upToId(), b.again() ? " (written again)" : "", b.file().toAbsolutePath());
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }
}
