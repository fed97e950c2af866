package org.reskontro.matching.batch;

import org.reskontro.matching.BankPayment;
import org.reskontro.matching.jdbc.OpenTransactionReader;
import org.reskontro.matching.jdbc.ReadAhead;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * The matchStep's reader: the OPEN transactions, a page at a time. A partition that writes over more than one
 * connection (one partition alone, by default) also reads ahead: the next page is read on a thread of its own
 * (another connection, outside the chunk's transaction) while the step decides and writes the chunks before it.
 * That sees what the chunk's own connection would: a partition's writes touch only the payments of the chunk being
 * written, never those of a later page, and what the pages depend on (the import and the routing) was committed
 * before the step began. The leftover phase reads on the chunk's connection, since a reversal there changes other
 * transactions.
 */
class OpenTransactions implements ItemReader<BankPayment>, ItemStream {

    private final OpenTransactionReader pages;
    /** Payments read ahead at a time; 0: no reading ahead. */
    private final int aheadBatch;
    private ReadAhead<BankPayment> ahead;

    OpenTransactions(OpenTransactionReader pages) {
        this(pages, 0);
    }

    /** A reader that reads ahead, {@code pageSize} payments at a time. */
    static OpenTransactions readingAhead(OpenTransactionReader pages, int pageSize) {
        return new OpenTransactions(pages, pageSize);
    }

    private OpenTransactions(OpenTransactionReader pages, int aheadBatch) {
        this.pages = pages;
        this.aheadBatch = aheadBatch;
    }

    @Override
    public BankPayment read() {
        if (aheadBatch == 0) {
            return pages.next();
        }
        if (ahead == null) {
            ahead = new ReadAhead<>(pages::next, aheadBatch, "match-read");
        }
        return ahead.next();
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
    }
}
