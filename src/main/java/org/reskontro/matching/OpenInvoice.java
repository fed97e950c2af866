package org.reskontro.matching;

import java.time.LocalDate;

import org.reskontro.ledger.OpenItem;

/**
 * One open invoice. Either a value given to {@link MatchIndex#addInvoice} (detached), or a view of the index's
 * slot for it: its open item is then the index's, changed as the run settles the invoice, and its strings are read
 * from the index when asked for. Two instances are equal when they name the same invoice id.
 */
public final class OpenInvoice {

    private final InvoiceColumns columns;
    private final int slot;
    private final long id;
    private final long customerId;
    private String invoiceNo;
    private String reference;
    private String currency;
    private LocalDate dueDate;
    private OpenItem open;

    public OpenInvoice(long id, long customerId, String invoiceNo, String reference, String currency,
                       LocalDate dueDate, OpenItem open) {
        this.columns = null;
        this.slot = -1;
        this.id = id;
        this.customerId = customerId;
        this.invoiceNo = invoiceNo;
        this.reference = reference;
        this.currency = currency;
        this.dueDate = dueDate;
        this.open = open;
    }

    /** A view of the index's slot. */
    OpenInvoice(InvoiceColumns columns, int slot) {
        this.columns = columns;
        this.slot = slot;
        this.id = columns.id(slot);
        this.customerId = columns.customerId(slot);
    }

    public long id() {
        return id;
    }

    /** The index slot of a view; -1 for a detached value. */
    int slot() {
        return slot;
    }

    public long customerId() {
        return customerId;
    }

    public String invoiceNo() {
        if (invoiceNo == null && columns != null) {
            invoiceNo = columns.invoiceNo(slot);
        }
        return invoiceNo;
    }

    public String reference() {
        if (reference == null && columns != null) {
            reference = columns.reference(slot);
        }
        return reference;
    }

    public String currency() {
        return columns == null ? currency : columns.currency(slot);
    }

    public LocalDate dueDate() {
        if (dueDate == null && columns != null) {
            dueDate = columns.dueDate(slot);
        }
        return dueDate;
    }

    public OpenItem open() {
        return columns == null ? open : columns.open(slot);
    }

    public boolean isOpen() {
        return columns == null ? open.total().signum() > 0 : columns.isOpen(slot);
    }

    public void setOpen(OpenItem open) {
        if (columns == null) {
            this.open = open;
        } else {
            columns.setOpen(slot, open);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenInvoice other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return invoiceNo() + "(" + open().total() + ")";
    }
}
