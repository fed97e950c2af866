package org.reskontro.ledger.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.reskontro.common.CsvException;
import org.reskontro.common.CsvReader;
import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.HistoricalPayment;
import org.reskontro.ledger.Invoice;
import org.reskontro.ledger.InvoiceType;
import org.reskontro.ledger.LedgerCsv;
import org.reskontro.ledger.jdbc.LedgerStore;

/**
 * Reads all ledger files once before anything is posted, so that a file with one bad row is rejected whole.
 * Checks every field, duplicates within a file, and that customers, invoices and currencies referred to
 * exist in the files or in the database, and that a re-imported invoice has not changed.
 */
class LedgerFileValidator {

    private static final int MAX_PROBLEMS = 20;

    private final LedgerStore store;

    LedgerFileValidator(LedgerStore store) {
        this.store = store;
    }

    /** Validates the files (any may be null) and throws a {@link RejectedInputException} listing the problems. */
    void validate(Path customers, Path invoices, Path payments) {
        List<String> problems = new ArrayList<>();
        Map<String, String> currencyByCustomer = new HashMap<>();
        Map<String, String> customerByInvoice = new HashMap<>();
        if (customers != null) {
            each(customers, LedgerCsv.CUSTOMER_COLUMNS, problems, row -> {
                Customer c = LedgerCsv.customer(row);
                if (currencyByCustomer.put(c.customerNo(), c.currency()) != null) {
                    throw row.error("customer_no", "customer " + c.customerNo() + " appears twice in the file");
                }
            });
        }
        if (invoices != null) {
            each(invoices, LedgerCsv.INVOICE_COLUMNS, problems, row -> {
                Invoice inv = LedgerCsv.invoice(row);
                LedgerCsv.dunningState(row);
                String currency = currencyOf(inv.customerNo(), currencyByCustomer);
                if (currency == null) {
                    throw row.error("customer_no", "unknown customer " + inv.customerNo());
                }
                if (!currency.equals(inv.currency())) {
                    throw row.error("currency", inv.currency() + " differs from the customer's currency " + currency);
                }
                if (customerByInvoice.put(inv.invoiceNo(), inv.customerNo()) != null) {
                    throw row.error("invoice_no", "invoice " + inv.invoiceNo() + " appears twice in the file");
                }
                Optional<LedgerStore.StoredInvoice> stored = store.invoice(inv.invoiceNo());
                if (stored.isPresent() && !sameDocument(stored.get(), inv)) {
                    throw row.error("invoice_no", "invoice " + inv.invoiceNo()
                            + " exists already with other values; correct it with a credit note, not by re-import");
                }
                if (inv.creditsInvoiceNo() != null) {
                    String owner = ownerOf(inv.creditsInvoiceNo(), customerByInvoice);
                    if (owner == null) {
                        throw row.error("credits_invoice_no", "unknown invoice " + inv.creditsInvoiceNo());
                    }
                    if (!owner.equals(inv.customerNo())) {
                        throw row.error("credits_invoice_no", "invoice " + inv.creditsInvoiceNo()
                                + " belongs to another customer");
                    }
                }
            });
        }
        if (payments != null) {
            each(payments, LedgerCsv.PAYMENT_COLUMNS, problems, row -> {
                HistoricalPayment p = LedgerCsv.payment(row);
                String currency = currencyOf(p.customerNo(), currencyByCustomer);
                if (currency == null) {
                    throw row.error("customer_no", "unknown customer " + p.customerNo());
                }
                if (!currency.equals(p.currency())) {
                    throw row.error("currency", p.currency() + " differs from the customer's currency " + currency);
                }
                for (String invoiceNo : p.invoiceNos()) {
                    String owner = ownerOf(invoiceNo, customerByInvoice);
                    if (owner == null) {
                        throw row.error("invoice_no", "unknown invoice " + invoiceNo);
                    }
                    if (!owner.equals(p.customerNo())) {
                        throw row.error("invoice_no", "invoice " + invoiceNo + " belongs to customer " + owner);
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem"
                    + (problems.size() > 2 ? "s" : "") + ")" : "";
            throw new RejectedInputException("rejected, nothing imported: " + problems.get(0) + more, problems);
        }
    }

    private String currencyOf(String customerNo, Map<String, String> inFile) {
        String c = inFile.get(customerNo);
        if (c != null) {
            return c;
        }
        return store.customer(customerNo).map(Customer::currency).orElse(null);
    }

    private String ownerOf(String invoiceNo, Map<String, String> inFile) {
        String owner = inFile.get(invoiceNo);
        if (owner != null) {
            return owner;
        }
        return store.invoice(invoiceNo).map(LedgerStore.StoredInvoice::customerNo).orElse(null);
    }

    private static boolean sameDocument(LedgerStore.StoredInvoice s, Invoice inv) {
        return s.customerNo().equals(inv.customerNo()) && s.type() == inv.type()
                && s.amount().compareTo(inv.amount()) == 0 && s.currency().equals(inv.currency())
                && s.issueDate().equals(inv.issueDate())
                && (inv.type() != InvoiceType.INVOICE || s.dueDate().equals(inv.dueDate()))
                && (inv.reference() == null || inv.reference().equals(s.reference()));
    }

    private static void each(Path file, String[] columns, List<String> problems, Consumer<CsvReader.Row> check) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": file not found (" + file + ")");
            return;
        }
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), name)) {
            csv.require(columns);
            CsvReader.Row row;
            while (true) {
                try {
                    row = csv.next();
                    if (row == null) {
                        return;
                    }
                    check.accept(row);
                } catch (CsvException e) {
                    problems.add(e.getMessage());
                    if (problems.size() >= MAX_PROBLEMS) {
                        return;
                    }
                }
            }
        } catch (CsvException e) {
            problems.add(e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            problems.add(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
