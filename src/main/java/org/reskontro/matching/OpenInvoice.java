package org.reskontro.matching;

import java.time.LocalDate;

import org.reskontro.ledger.OpenItem;

/**
 * One open invoice in the run's index. Its open item changes as the run settles it; everything else is fixed.
 */
public final class OpenInvoice {

    private final long id;
    private final long customerId;
    private final String invoiceNo;
    private final String reference;
    private final String currency;
    private final LocalDate dueDate;
    private OpenItem open;

    public OpenInvoice(long id, long customerId, String invoiceNo, String reference, String currency,
                       LocalDate dueDate, OpenItem open) {
        this.id = id;
        this.customerId = customerId;
        this.invoiceNo = invoiceNo;
        this.reference = reference;
        this.currency = currency;
        this.dueDate = dueDate;
        this.open = open;
    }

    public long id() {
        return id;
    }

    public long customerId() {
        return customerId;
    }

    public String invoiceNo() {
        return invoiceNo;
    }

    public String reference() {
        return reference;
    }

    public String currency() {
        return currency;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public OpenItem open() {
        return open;
    }

    public boolean isOpen() {
        return open.total().signum() > 0;
    }

    public void setOpen(OpenItem open) {
        this.open = open;
    }

    @Override
    public String toString() {
        return invoiceNo + "(" + open.total() + ")";
    }
}
