package org.reskontro.operations.config;

import java.nio.file.Path;
import java.time.ZoneId;

import org.reskontro.ledger.ReferenceScheme;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product's settings under {@code reskontro.*} (see {@code config/application.yml}). Every value can be
 * overridden by an environment variable, e.g. {@code RESKONTRO_FOLDERS_INBOX=/data/inbox}.
 */
@ConfigurationProperties("reskontro")
public record ReskontroProperties(
        @DefaultValue("Europe/Oslo") ZoneId timeZone,
        @DefaultValue Folders folders,
        @DefaultValue References references,
        @DefaultValue Company company,
        @DefaultValue Schedule schedule) {

    /** When {@code reskontro serve} runs the nightly job: a Spring cron expression in {@link #timeZone()}. */
    public record Schedule(@DefaultValue("0 30 2 * * *") String nightlyCron) {
    }

    /** Where files come in and go to. Relative paths resolve against the working directory. */
    public record Folders(
            @DefaultValue("var/inbox") Path inbox,
            @DefaultValue("var/archive") Path archive,
            @DefaultValue("var/rejected") Path rejected,
            @DefaultValue("var/outbox") Path outbox,
            @DefaultValue("var/print") Path print,
            @DefaultValue("var/reports") Path reports,
            @DefaultValue("var/export") Path export) {
    }

    /** How payment references are generated for invoices imported without one. */
    public record References(
            @DefaultValue("KID_MOD10") ReferenceScheme norway,
            @DefaultValue("OCR_LENGTH") ReferenceScheme sweden) {
    }

    /** The creditor: the company that runs reskontro, as shown on letters and exports. */
    public record Company(
            @DefaultValue("Eksempel Regnskap AS") String name,
            @DefaultValue("923609016") String orgNo,
            @DefaultValue("Storgata 1") String address,
            @DefaultValue("0155") String postalCode,
            @DefaultValue("Oslo") String city,
            @DefaultValue("NO") String country,
            @DefaultValue("15032080119") String bankAccount,
            @DefaultValue("NO9615032080119") String iban,
            @DefaultValue("5050-1055") String bankgiro,
            @DefaultValue("faktura@eksempel.no") String email,
            @DefaultValue("1500") String receivablesAccount,
            @DefaultValue("1920") String bankLedgerAccount,
            @DefaultValue("3900") String feeIncomeAccount,
            @DefaultValue("8050") String interestIncomeAccount) {
    }
}
