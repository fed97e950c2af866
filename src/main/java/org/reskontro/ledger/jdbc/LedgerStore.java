package org.reskontro.ledger.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Invoice;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.InvoiceType;
import org.reskontro.ledger.Language;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers and documents (invoices, credit notes, opening balances) in the database. */
public class LedgerStore {

    private final JdbcClient jdbc;

    public LedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a customer or updates its master data (the ERP is the master); returns its id. */
    public long upsertCustomer(Customer c) {
        Optional<Long> id = customerId(c.customerNo());
        if (id.isPresent()) {
            jdbc.sql("""
                    UPDATE customer SET name = ?, org_no = ?, country = ?, currency = ?, language = ?, email = ?,
                           address = ?, postal_code = ?, city = ?, customer_type = ?, credit_limit = ?,
                           reminder_fee_agreed = ?
                     WHERE id = ?""")
                    .params(c.name(), c.orgNo(), c.country().name(), c.currency(), c.language().code(), c.email(),
                            c.address().street(), c.address().postalCode(), c.address().city(), c.type().name(),
                            c.creditLimit(), c.reminderFeeAgreed(), id.get())
                    .update();
            return id.get();
        }
        jdbc.sql("""
                INSERT INTO customer (customer_no, name, org_no, country, currency, language, email, address,
                                      postal_code, city, customer_type, credit_limit, reminder_fee_agreed,
                                      hold_reason, hold_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.customerNo(), c.name(), c.orgNo(), c.country().name(), c.currency(), c.language().code(),
                        c.email(), c.address().street(), c.address().postalCode(), c.address().city(), c.type().name(),
                        c.creditLimit(), c.reminderFeeAgreed(),
                        c.hold() == null ? null : c.hold().reason(),
                        c.hold() == null || c.hold().until() == null ? null : Date.valueOf(c.hold().until()))
                .update();
        return customerId(c.customerNo()).orElseThrow();
    }

    /**
     * Sets a migrated invoice's dunning level and date, only ever raising the level (so a re-import never undoes
     * what dunning did).
     */
    public void raiseDunningState(String invoiceNo, int level, java.time.LocalDate lastDunningDate) {
        jdbc.sql("UPDATE invoice SET dunning_level = ?, last_dunning_date = ? WHERE invoice_no = ? AND dunning_level < ?")
                .params(level, lastDunningDate == null ? null : Date.valueOf(lastDunningDate), invoiceNo, level)
                .update();
    }

    public Optional<Long> customerId(String customerNo) {
        return jdbc.sql("SELECT id FROM customer WHERE customer_no = ?").param(customerNo).query(Long.class).optional();
    }

    public Optional<Customer> customer(String customerNo) {
        return jdbc.sql("SELECT * FROM customer WHERE customer_no = ?").param(customerNo)
                .query((rs, i) -> customerOf(rs)).optional();
    }

    /** The ids of those customer numbers that exist. */
    public Map<String, Long> customerIds(Collection<String> customerNos) {
        Map<String, Long> ids = new HashMap<>();
        if (customerNos.isEmpty()) {
            return ids;
        }
        jdbc.sql("SELECT customer_no, id FROM customer WHERE customer_no IN (:nos)").param("nos", customerNos)
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    /** A stored document, as needed to check a re-import and to post against it. */
    public record StoredInvoice(long id, long customerId, String customerNo, InvoiceType type, String currency,
                                BigDecimal amount, java.time.LocalDate issueDate, java.time.LocalDate dueDate,
                                String reference, InvoiceStatus status) {
    }

    public Optional<StoredInvoice> invoice(String invoiceNo) {
        return jdbc.sql("""
                SELECT i.id, i.customer_id, c.customer_no, i.type, i.currency, i.amount, i.issue_date, i.due_date,
                       i.reference, i.status
                  FROM invoice i JOIN customer c ON c.id = i.customer_id
                 WHERE i.invoice_no = ?""")
                .param(invoiceNo)
                .query((rs, i) -> new StoredInvoice(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        InvoiceType.valueOf(rs.getString(4)), rs.getString(5), rs.getBigDecimal(6),
                        rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(), rs.getString(9),
                        InvoiceStatus.valueOf(rs.getString(10))))
                .optional();
    }

    /** Inserts a document row with its open item equal to its amount; returns the new id. */
    public long insertInvoice(Invoice inv, long customerId, String reference, Long creditsInvoiceId) {
        jdbc.sql("""
                INSERT INTO invoice (invoice_no, customer_id, type, issue_date, due_date, currency, amount, vat_amount,
                                     reference, status, principal_open, credits_invoice_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(inv.invoiceNo(), customerId, inv.type().name(), Date.valueOf(inv.issueDate()),
                        Date.valueOf(inv.dueDate()), inv.currency(), inv.amount(), inv.vatAmount(), reference,
                        InvoiceStatus.OPEN.name(), inv.type() == InvoiceType.CREDIT_NOTE ? BigDecimal.ZERO : inv.amount(),
                        creditsInvoiceId)
                .update();
        return jdbc.sql("SELECT id FROM invoice WHERE invoice_no = ?").param(inv.invoiceNo()).query(Long.class).single();
    }

    /**
     * A credit note is open while part of its credit is unused (that part is on the customer's account, as the
     * unallocated part of its posting) and paid once it is all used. Its own open item is always zero.
     */
    public void markCreditNoteUse(long creditNoteId, BigDecimal unused) {
        jdbc.sql("UPDATE invoice SET status = ? WHERE id = ?")
                .params(unused.signum() == 0 ? InvoiceStatus.PAID.name() : InvoiceStatus.OPEN.name(), creditNoteId)
                .update();
    }

    public List<String> customerNumbers() {
        return jdbc.sql("SELECT customer_no FROM customer ORDER BY customer_no").query(String.class).list();
    }

    static Customer customerOf(ResultSet rs) throws SQLException {
        String holdReason = rs.getString("hold_reason");
        Date holdUntil = rs.getDate("hold_until");
        return new Customer(rs.getString("customer_no"), rs.getString("name"), rs.getString("org_no"),
                Country.valueOf(rs.getString("country")), rs.getString("currency"),
                Language.parse(rs.getString("language")), rs.getString("email"),
                new Customer.PostalAddress(rs.getString("address"), rs.getString("postal_code"), rs.getString("city")),
                CustomerType.valueOf(rs.getString("customer_type")), rs.getBigDecimal("credit_limit"),
                rs.getBoolean("reminder_fee_agreed"),
                holdReason == null ? null : new Customer.Hold(holdReason, holdUntil == null ? null : holdUntil.toLocalDate()));
    }
}
