package org.reskontro.ledger.jdbc;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes one row of the ledger's audit trail ({@code audit_log}): who did what, to which customer and invoice, and why. */
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, Long customerId, Long invoiceId, String details) {
        jdbc.sql("INSERT INTO audit_log (occurred_at, actor, action, customer_id, invoice_id, details) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, action, customerId, invoiceId, details)
                .update();
    }
}
