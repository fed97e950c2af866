package org.reskontro.dunning.config;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.reskontro.dunning.DunningDecider;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.LegalRules;
import org.reskontro.dunning.batch.CollectionExport;
import org.reskontro.dunning.batch.DunningRun;
import org.reskontro.dunning.jdbc.BankFileCheck;
import org.reskontro.dunning.jdbc.DunningSnapshots;
import org.reskontro.dunning.jdbc.DunningStore;
import org.reskontro.dunning.jdbc.HoldStore;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Loads and checks the dunning policy and wires the dunning adapters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DunningProperties.class)
public class DunningConfiguration {

    @Bean
    LegalRules legalRules() {
        return LegalRules.nordic();
    }

    /** The policy from configuration over the defaults, refused at start-up when the law forbids it. */
    @Bean
    DunningPolicy dunningPolicy(DunningProperties p, LegalRules rules, Clock clock) {
        DunningPolicy policy = policyOf(p);
        LocalDate today = LocalDate.now(clock);
        List<String> problems = rules.check(policy, today);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("illegal dunning policy (reskontro.dunning): " + String.join("; ", problems));
        }
        return policy;
    }

    static DunningPolicy policyOf(DunningProperties p) {
        DunningPolicy d = DunningPolicy.defaults();
        List<DunningPolicy.Level> levels = new ArrayList<>(d.levels());
        if (p.levels() != null) {
            for (DunningProperties.Level l : p.levels()) {
                if (l.level() < 1 || l.level() > 4) {
                    throw new IllegalStateException("reskontro.dunning.levels: level " + l.level() + " is not 1 to 4");
                }
                DunningPolicy.Level base = levels.get(l.level() - 1);
                Map<String, java.math.BigDecimal> fees = new HashMap<>(base.fees());
                if (l.fee() != null) {
                    l.fee().forEach((k, v) -> fees.put(k.toUpperCase(Locale.ROOT), v));
                }
                levels.set(l.level() - 1, new DunningPolicy.Level(l.level(), or(l.name(), base.name()),
                        or(l.daysOverdue(), base.daysOverdue()), or(l.minDaysSincePrevious(), base.minDaysSincePrevious()),
                        fees, l.channel() == null ? base.channel()
                        : DunningLetter.Channel.valueOf(l.channel().toUpperCase(Locale.ROOT)),
                        or(l.template(), base.template()), or(l.paymentDays(), base.paymentDays())));
            }
        }
        Map<String, java.math.BigDecimal> minimum = new HashMap<>(d.minimumAmount());
        if (p.minimumAmount() != null) {
            p.minimumAmount().forEach((k, v) -> minimum.put(k.toUpperCase(Locale.ROOT), v));
        }
        return new DunningPolicy(levels, minimum, or(p.graceDays(), d.graceDays()), p.requireBankFiles(),
                p.lateInterest(), p.businessCompensation().norway(), p.businessCompensation().sweden());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    @Bean
    DunningDecider dunningDecider(DunningPolicy policy, LegalRules rules) {
        return new DunningDecider(policy, rules);
    }

    @Bean
    DunningSnapshots dunningSnapshots(DataSource dataSource, DunningProperties p) {
        return new DunningSnapshots(dataSource, p.fetchSize());
    }

    @Bean
    DunningStore dunningStore(JdbcClient jdbc, DataSource dataSource, LedgerJournal journal, LetterOutbox outbox,
                              Clock clock) {
        return new DunningStore(jdbc, new JdbcTemplate(dataSource), journal, outbox, clock);
    }

    @Bean
    DunningRun dunningRun(DunningSnapshots snapshots, DunningDecider decider, DunningStore store,
                          LedgerJournal journal, PlatformTransactionManager tx, DunningProperties p) {
        return new DunningRun(snapshots, decider, store, journal, tx, p.customersPerTransaction());
    }

    @Bean
    BankFileCheck bankFileCheck(JdbcClient jdbc) {
        return new BankFileCheck(jdbc);
    }

    @Bean
    HoldStore holdStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager tx) {
        return new HoldStore(jdbc, clock, tx);
    }

    @Bean
    CollectionExport collectionExport(JdbcClient jdbc, ReskontroProperties properties) {
        return new CollectionExport(jdbc, properties.folders().export());
    }
}
