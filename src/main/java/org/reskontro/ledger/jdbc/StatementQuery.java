package org.reskontro.ledger.jdbc;

import java.util.List;
import java.util.Optional;

import org.reskontro.ledger.AccountStatement;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.PostingType;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a customer's account statement from the posting journal. */
public class StatementQuery {

    private final JdbcClient jdbc;
    private final LedgerStore store;

    public StatementQuery(JdbcClient jdbc, LedgerStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    public Optional<AccountStatement> statement(String customerNo) {
        Optional<Customer> customer = store.customer(customerNo);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        List<AccountStatement.Entry> entries = jdbc.sql("""
                SELECT p.posting_date, p.type, p.document_no, p.text, p.amount
                  FROM posting p JOIN customer c ON c.id = p.customer_id
                 WHERE c.customer_no = ?
                 ORDER BY p.posting_date, p.id""")
                .param(customerNo)
                .query((rs, i) -> new AccountStatement.Entry(rs.getDate(1).toLocalDate(),
                        PostingType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)))
                .list();
        Customer c = customer.get();
        return Optional.of(AccountStatement.of(c.customerNo(), c.name(), c.currency(), entries));
    }
}
