package org.reskontro.ledger.batch;

import java.util.ArrayList;
import java.util.List;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.HistoricalPayment;
import org.reskontro.ledger.Invoice;
import org.reskontro.ledger.InvoiceType;
import org.reskontro.ledger.PaymentReferences;
import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.ledger.jdbc.LedgerStore;

/** Posts validated ledger rows; every write is idempotent, so a rerun or a restart changes nothing. */
class LedgerPoster {

    static final String SOURCE = "import-ledger";

    private final LedgerStore store;
    private final LedgerJournal journal;
    private final PaymentReferences references;

    LedgerPoster(LedgerStore store, LedgerJournal journal, PaymentReferences references) {
        this.store = store;
        this.journal = journal;
        this.references = references;
    }

    void customer(Customer c) {
        store.upsertCustomer(c);
    }

    /** Books a document once: its row, its posting and, for a credit note naming an invoice, the allocation. */
    void document(Invoice inv) {
        if (store.invoice(inv.invoiceNo()).isPresent()) {
            return;
        }
        Customer customer = store.customer(inv.customerNo()).orElseThrow();
        long customerId = store.customerId(inv.customerNo()).orElseThrow();
        String reference = inv.reference();
        if (reference == null && inv.type() != InvoiceType.CREDIT_NOTE) {
            reference = references.generate(customer.country(), inv.customerNo(), inv.invoiceNo());
        }
        Long credits = inv.creditsInvoiceNo() == null ? null
                : store.invoice(inv.creditsInvoiceNo()).orElseThrow().id();
        long invoiceId = store.insertInvoice(inv, customerId, reference, credits);
        LedgerJournal.NewPosting posting = new LedgerJournal.NewPosting(customerId, invoiceId, inv.issueDate(),
                inv.type().postingType(), inv.signedAmount(), inv.currency(), inv.invoiceNo(), text(inv, customer.country()),
                SOURCE, "doc:" + inv.invoiceNo());
        if (inv.type() == InvoiceType.CREDIT_NOTE) {
            LedgerJournal.Posted posted = journal.postAndAllocate(posting, credits == null ? List.of() : List.of(credits));
            store.markCreditNoteUse(invoiceId, posted.onAccount());
        } else {
            journal.post(posting);
        }
    }

    /** Books a historical payment once, allocated to the invoices it names, the rest on account. */
    void payment(KeyedPayment kp) {
        HistoricalPayment p = kp.payment();
        long customerId = store.customerId(p.customerNo()).orElseThrow();
        List<Long> invoiceIds = new ArrayList<>();
        for (String no : p.invoiceNos()) {
            invoiceIds.add(store.invoice(no).orElseThrow().id());
        }
        String document = p.reference() != null ? p.reference() : String.join(" ", p.invoiceNos());
        String text = store.customer(p.customerNo()).orElseThrow().country() == Country.SE ? "Inbetalning" : "Innbetaling";
        journal.postAndAllocate(new LedgerJournal.NewPosting(customerId, null, p.paymentDate(), PostingType.PAYMENT,
                p.amount().negate(), p.currency(), document.isEmpty() ? null : document, text, SOURCE, kp.key()),
                invoiceIds);
    }

    private static String text(Invoice inv, Country country) {
        boolean no = country == Country.NO;
        return switch (inv.type()) {
            case INVOICE -> "Faktura";
            case CREDIT_NOTE -> no ? "Kreditnota" : "Kreditfaktura";
            case OPENING_BALANCE -> no ? "Inngående balanse" : "Ingående balans";
        };
    }

    /** A payment with its idempotency key: its content plus how often the same content occurred before it. */
    record KeyedPayment(HistoricalPayment payment, String key) {
    }
}
