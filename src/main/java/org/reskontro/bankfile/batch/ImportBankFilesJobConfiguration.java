package org.reskontro.bankfile.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code importBankFilesJob}: imports camt.053/054, Nets OCR giro and BgMax files given as the job parameter
 * {@value #FILES} (absolute paths, one per line) or, with {@code inbox=true}, every file in the inbox folder. One
 * database transaction per file; see {@link BankFileImporter} and docs/file-formats.md. The step
 * {@code importInboxStep} (always the inbox) is for other jobs, e.g. the nightly run.
 */
@Configuration(proxyBeanMethods = false)
public class ImportBankFilesJobConfiguration {

    public static final String JOB_NAME = "importBankFilesJob";
    public static final String FILES = "files";
    public static final String INBOX = "inbox";
    public static final String ACCEPT_UNBALANCED = "acceptUnbalanced";
    /** Step execution context key of the per-file report: lines {@code IMPORTED|SKIPPED|REJECTED <TAB> message}. */
    public static final String REPORT = ImportBankFilesTasklet.REPORT;

    @Bean
    Job importBankFilesJob(JobRepository jobs, Step importBankFilesStep) {
        return new JobBuilder(JOB_NAME, jobs).start(importBankFilesStep).build();
    }

    @Bean
    Step importBankFilesStep(JobRepository jobs, PlatformTransactionManager tx, Tasklet importBankFilesTasklet) {
        return new StepBuilder("importBankFilesStep", jobs).tasklet(importBankFilesTasklet, tx).build();
    }

    @Bean
    Step importInboxStep(JobRepository jobs, PlatformTransactionManager tx, Tasklet importInboxTasklet) {
        return new StepBuilder("importInboxStep", jobs).tasklet(importInboxTasklet, tx).build();
    }

    @Bean
    @StepScope
    Tasklet importBankFilesTasklet(BankFileImporter importer, ReskontroProperties properties,
                                   @Value("#{jobParameters['files']}") String files,
                                   @Value("#{jobParameters['inbox']}") String inbox,
                                   @Value("#{jobParameters['acceptUnbalanced']}") String acceptUnbalanced,
                                   @Value("#{jobParameters['date']}") LocalDate date) {
        ReskontroProperties.Folders folders = properties.folders();
        return new ImportBankFilesTasklet(() -> {
            List<Path> list = new ArrayList<>();
            if (files != null && !files.isBlank()) {
                for (String f : files.split("\n")) {
                    if (!f.isBlank()) {
                        list.add(Path.of(f.trim()));
                    }
                }
            }
            if ("true".equalsIgnoreCase(inbox)) {
                list.addAll(ImportBankFilesTasklet.inbox(folders.inbox()));
            }
            return list;
        }, importer, new BankFileImporter.Options("true".equalsIgnoreCase(acceptUnbalanced), date),
                folders.archive(), folders.rejected());
    }

    @Bean
    @StepScope
    Tasklet importInboxTasklet(BankFileImporter importer, ReskontroProperties properties,
                               @Value("#{jobParameters['acceptUnbalanced']}") String acceptUnbalanced,
                               @Value("#{jobParameters['date']}") LocalDate date) {
        ReskontroProperties.Folders folders = properties.folders();
        return new ImportBankFilesTasklet(() -> ImportBankFilesTasklet.inbox(folders.inbox()), importer,
                new BankFileImporter.Options("true".equalsIgnoreCase(acceptUnbalanced), date),
                folders.archive(), folders.rejected());
    }
}
