package org.reskontro.matching.batch;

import org.reskontro.matching.BankPayment;
import org.reskontro.matching.jdbc.OpenTransactionReader;
import org.reskontro.matching.jdbc.ReadAhead;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * The matchStep's reader: the OPEN transactions, a page at a time. A partition that writes over more than one
 * connection (one partition alone, by default) also reads ahead: the next page is read on a thread of its own
 * (another connection, outside the chunk's transaction) while the step decides and writes the chunks before it. That sees what the chunk's own connection would: a partition's writes touch only
 * the payments of the chunk being written, never those of a later page, and what the pages depend on (the import
 * and the routing) was committed before the step began. The leftover phase reads on the chunk's connection, since
 * a reversal there changes other transactions.
 */
class OpenTransactions implements ItemReader<BankPayment>, ItemStream {

    private final OpenTransactionReader pages;
    private final int pageSize;
    private final boolean readAhead;
    private ReadAhead<BankPayment> ahead;

    OpenTransactions(OpenTransactionReader pages) {
        this(pages, 0, false);
    }

    /** A reader that reads ahead, {@code pageSize} payments at a time. */
    static OpenTransactions readingAhead(OpenTransactionReader pages, int pageSize) {
        return new OpenTransactions(pages, pageSize, true);
    }

    private OpenTransactions(OpenTransactionReader pages, int pageSize, boolean readAhead) {
        this.pages = pages;
        this.pageSize = pageSize;
        this.readAhead = readAhead;
    }

    @Override
    public BankPayment read() {
        if (!readAhead) {
            return pages.next();
        }
        if (ahead == null) {
            ahead = new ReadAhead<>(pages::next, pageSize, "match-read");
        }
        return ahead.next();
    }

    @Override
    public void open(ExecutionContext context) {
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
    }
}
