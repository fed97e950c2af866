package org.reskontro.dunning.jdbc;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.jdbc.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Puts a customer or an invoice on dunning hold (dispute, payment plan) and releases it, audited. */
public class HoldStore {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final TransactionTemplate tx;

    public HoldStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.auditLog = new AuditLog(jdbc, clock);
        this.tx = new TransactionTemplate(tx);
    }

    /** Sets or releases (reason null) a hold; returns a line saying what changed. */
    public String customer(String customerNo, String reason, LocalDate until, String actor) {
        return tx.execute(status -> customerInTx(customerNo, reason, until, actor));
    }

    public String invoice(String invoiceNo, String reason, LocalDate until, String actor) {
        return tx.execute(status -> invoiceInTx(invoiceNo, reason, until, actor));
    }

    private String customerInTx(String customerNo, String reason, LocalDate until, String actor) {
        long id = jdbc.sql("SELECT id FROM customer WHERE customer_no = ?").param(customerNo).query(Long.class)
                .optional().orElseThrow(() -> new RejectedInputException("unknown customer " + customerNo));
        jdbc.sql("UPDATE customer SET hold_reason = ?, hold_until = ? WHERE id = ?")
                .params(reason, until == null ? null : Date.valueOf(until), id).update();
        String what = describe("customer " + customerNo, reason, until);
        audit(actor, reason == null ? "HOLD_RELEASED" : "HOLD_SET", id, null, what);
        return what;
    }

    private String invoiceInTx(String invoiceNo, String reason, LocalDate until, String actor) {
        Optional<long[]> ids = jdbc.sql("SELECT id, customer_id FROM invoice WHERE invoice_no = ?").param(invoiceNo)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
        long[] id = ids.orElseThrow(() -> new RejectedInputException("unknown invoice " + invoiceNo));
        jdbc.sql("UPDATE invoice SET hold_reason = ?, hold_until = ? WHERE id = ?")
                .params(reason, until == null ? null : Date.valueOf(until), id[0]).update();
        String what = describe("invoice " + invoiceNo, reason, until);
        audit(actor, reason == null ? "HOLD_RELEASED" : "HOLD_SET", id[1], id[0], what);
        return what;
    }

    private static String describe(String subject, String reason, LocalDate until) {
        return reason == null ? subject + ": hold released"
                : subject + ": on hold (" + reason + ")" + (until == null ? " with no end date" : " until " + until);
    }

    private void audit(String actor, String action, long customerId, Long invoiceId, String details) {
        auditLog.record(actor, action, customerId, invoiceId, details);
    }
}
