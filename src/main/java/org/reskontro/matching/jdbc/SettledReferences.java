package org.reskontro.matching.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.matching.Keys;
import org.reskontro.matching.SettledInvoice;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The invoices the ledger holds under structured references that the match index does not know, for rule 7
 * ({@code Matcher.settledReference}): asked once per chunk, for the few payments left open with such a reference.
 */
public class SettledReferences {

    private final NamedParameterJdbcTemplate named;

    public SettledReferences(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    /** Normalised reference -> the invoices (not credit notes) that carry it; references none carries are absent. */
    public Map<String, List<SettledInvoice>> find(Collection<String> references) {
        Map<String, List<SettledInvoice>> found = new HashMap<>();
        BatchSql.inSlices(references, slice -> named.query("""
                SELECT reference, id, invoice_no, customer_id, currency, status FROM invoice
                 WHERE reference IN (:refs) AND type <> 'CREDIT_NOTE' ORDER BY id""", Map.of("refs", slice), rs -> {
                    found.computeIfAbsent(Keys.reference(rs.getString(1)), r -> new ArrayList<>())
                            .add(new SettledInvoice(rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                    InvoiceStatus.valueOf(rs.getString(6))));
                }));
        return found;
    }
}
