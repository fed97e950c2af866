package org.reskontro.matching.batch;

import org.reskontro.matching.BankPayment;
import org.reskontro.matching.jdbc.OpenTransactionReader;
import org.springframework.batch.infrastructure.item.ItemReader;

/** The matchStep's reader: the OPEN transactions, a page at a time. */
class OpenTransactions implements ItemReader<BankPayment> {

    private final OpenTransactionReader pages;

    OpenTransactions(OpenTransactionReader pages) {
        this.pages = pages;
    }

    @Override
    public BankPayment read() {
        return pages.next();
    }
}
