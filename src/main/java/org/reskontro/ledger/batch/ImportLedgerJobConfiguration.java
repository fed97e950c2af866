package org.reskontro.ledger.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.reskontro.common.CsvReader;
import org.reskontro.common.Hashes;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.HistoricalPayment;
import org.reskontro.ledger.Invoice;
import org.reskontro.ledger.LedgerCsv;
import org.reskontro.ledger.PaymentReferences;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code importLedgerJob}: moves a company's customers, open items and payment history in from CSV.
 * Step 1 validates every file whole (nothing is posted from a file with a bad row); steps 2-4 post
 * customers, documents and payments in chunks with idempotent writes, so a rerun changes nothing and a
 * restart after a crash continues where the last commit left off.
 */
@Configuration(proxyBeanMethods = false)
public class ImportLedgerJobConfiguration {

    public static final String JOB_NAME = "importLedgerJob";
    public static final String CUSTOMERS = "customers";
    public static final String INVOICES = "invoices";
    public static final String PAYMENTS = "payments";
    private static final int CHUNK = 500;

    @Bean
    Job importLedgerJob(JobRepository jobs, Step validateLedgerFiles, Step importCustomers, Step importInvoices,
                        Step importDunningState, Step importPayments) {
        return new JobBuilder(JOB_NAME, jobs)
                .start(validateLedgerFiles)
                .next(importCustomers)
                .next(importInvoices)
                .next(importDunningState)
                .next(importPayments)
                .build();
    }

    @Bean
    LedgerFileValidator ledgerFileValidator(LedgerStore store) {
        return new LedgerFileValidator(store);
    }

    @Bean
    LedgerPoster ledgerPoster(LedgerStore store, LedgerJournal journal, PaymentReferences references) {
        return new LedgerPoster(store, journal, references);
    }

    @Bean
    Step validateLedgerFiles(JobRepository jobs, PlatformTransactionManager tx, LedgerFileValidator validator) {
        return new StepBuilder("validateLedgerFiles", jobs)
                .tasklet((contribution, context) -> {
                    Map<String, Object> p = context.getStepContext().getJobParameters();
                    validator.validate(path(p.get(CUSTOMERS)), path(p.get(INVOICES)), path(p.get(PAYMENTS)));
                    return RepeatStatus.FINISHED;
                }, tx)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step importCustomers(JobRepository jobs, PlatformTransactionManager tx, CsvItemReader<Customer> customerReader,
                         LedgerPoster poster) {
        return new StepBuilder("importCustomers", jobs).<Customer, Customer>chunk(CHUNK)
                .transactionManager(tx)
                .reader(customerReader)
                .writer(chunk -> chunk.forEach(poster::customer))
                .build();
    }

    @Bean
    Step importInvoices(JobRepository jobs, PlatformTransactionManager tx, CsvItemReader<Invoice> invoiceReader,
                        LedgerPoster poster) {
        return new StepBuilder("importInvoices", jobs).<Invoice, Invoice>chunk(CHUNK)
                .transactionManager(tx)
                .reader(invoiceReader)
                .writer(chunk -> chunk.forEach(poster::document))
                .build();
    }

    /** The optional dunning_level / last_dunning_date columns of migrated invoices (never lowers a level). */
    @Bean
    Step importDunningState(JobRepository jobs, PlatformTransactionManager tx, LedgerStore store) {
        return new StepBuilder("importDunningState", jobs)
                .tasklet((contribution, context) -> {
                    Path file = path(context.getStepContext().getJobParameters().get(INVOICES));
                    if (file == null) {
                        return RepeatStatus.FINISHED;
                    }
                    try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                            file.getFileName().toString())) {
                        if (!csv.has("dunning_level")) {
                            return RepeatStatus.FINISHED;
                        }
                        for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                            LedgerCsv.DunningState s = LedgerCsv.dunningState(row);
                            if (s != null) {
                                store.raiseDunningState(s.invoiceNo(), s.level(), s.lastDunningDate());
                                contribution.incrementWriteCount(1);
                            }
                        }
                    }
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }

    @Bean
    Step importPayments(JobRepository jobs, PlatformTransactionManager tx,
                        CsvItemReader<LedgerPoster.KeyedPayment> paymentReader, LedgerPoster poster) {
        return new StepBuilder("importPayments", jobs).<LedgerPoster.KeyedPayment, LedgerPoster.KeyedPayment>chunk(CHUNK)
                .transactionManager(tx)
                .reader(paymentReader)
                .writer(chunk -> chunk.forEach(poster::payment))
                .build();
    }

    @Bean
    @StepScope
    CsvItemReader<Customer> customerReader(@Value("#{jobParameters['customers']}") String file) {
        return new CsvItemReader<>(path(file), LedgerCsv::customer);
    }

    @Bean
    @StepScope
    CsvItemReader<Invoice> invoiceReader(@Value("#{jobParameters['invoices']}") String file) {
        return new CsvItemReader<>(path(file), LedgerCsv::invoice);
    }

    @Bean
    @StepScope
    CsvItemReader<LedgerPoster.KeyedPayment> paymentReader(@Value("#{jobParameters['payments']}") String file) {
        Map<String, Integer> seen = new HashMap<>();
        return new CsvItemReader<>(path(file), row -> {
            HistoricalPayment p = LedgerCsv.payment(row);
            String content = String.join("|", p.customerNo(), p.paymentDate().toString(), p.amount().toPlainString(),
                    p.currency(), String.join(";", p.invoiceNos()), p.reference() == null ? "" : p.reference());
            int occurrence = seen.merge(content, 1, Integer::sum);
            return new LedgerPoster.KeyedPayment(p, "ledger-payment:" + Hashes.sha256(content) + "#" + occurrence);
        });
    }

    private static Path path(Object value) {
        return value == null || value.toString().isBlank() ? null : Path.of(value.toString());
    }
}
