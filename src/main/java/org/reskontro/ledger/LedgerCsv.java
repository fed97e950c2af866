package org.reskontro.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.reskontro.common.CsvException;
import org.reskontro.common.CsvReader;
import org.reskontro.common.Money;

/**
 * Reads the ledger's CSV formats (see {@code docs/file-formats.md}): each method turns one row into a domain
 * value or throws a {@link CsvException} naming the file, the line and the field.
 */
public final class LedgerCsv {

    public static final String[] CUSTOMER_COLUMNS = {"customer_no", "name", "org_no", "country", "currency", "language",
            "email", "address", "postal_code", "city", "customer_type", "credit_limit"};
    public static final String[] INVOICE_COLUMNS = {"invoice_no", "customer_no", "type", "issue_date", "due_date",
            "currency", "amount", "vat_amount", "reference"};
    public static final String[] PAYMENT_COLUMNS = {"payment_date", "customer_no", "amount", "currency", "invoice_no",
            "reference"};

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,39}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private LedgerCsv() {
    }

    public static Customer customer(CsvReader.Row row) {
        String no = number(row, "customer_no");
        String name = row.required("name");
        if (name.length() > 200) {
            throw row.error("name", "is longer than 200 characters");
        }
        Country country = parse(row, "country", () -> Country.parse(row.required("country")));
        String currency = currency(row, "currency");
        Language language = parse(row, "language", () -> Language.parse(row.required("language")));
        String orgNo = row.get("org_no");
        if (!orgNo.isEmpty()) {
            if (!OrganisationNumbers.isValid(country, orgNo)) {
                throw row.error("org_no", "'" + orgNo + "' is not a valid " + (country == Country.NO
                        ? "Norwegian organisation number (9 digits, MOD11)"
                        : "Swedish organisation or personal number (10 digits, Luhn)"));
            }
            orgNo = OrganisationNumbers.normalise(country, orgNo);
        }
        String email = row.get("email");
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw row.error("email", "'" + email + "' is not an e-mail address");
        }
        CustomerType type = parse(row, "customer_type", () -> CustomerType.parse(row.required("customer_type")));
        String limit = row.get("credit_limit");
        BigDecimal creditLimit = limit.isEmpty() ? null : amount(row, "credit_limit", currency);
        boolean feeAgreed = bool(row, "reminder_fee_agreed");
        String holdReason = row.get("hold_reason");
        LocalDate holdUntil = row.get("hold_until").isEmpty() ? null : date(row, "hold_until");
        for (String field : new String[] {"address", "postal_code", "city"}) {
            if (row.get(field).chars().anyMatch(ch -> ch == '\r' || ch == '\n')) {
                throw row.error(field, "contains a line break");
            }
        }
        return new Customer(no, name, orgNo.isEmpty() ? null : orgNo, country, currency, language,
                email.isEmpty() ? null : email,
                new Customer.PostalAddress(row.get("address"), row.get("postal_code"), row.get("city")), type,
                creditLimit, feeAgreed, holdReason.isEmpty() ? null : new Customer.Hold(holdReason, holdUntil));
    }

    public static Invoice invoice(CsvReader.Row row) {
        String no = number(row, "invoice_no");
        String customerNo = number(row, "customer_no");
        InvoiceType type = parse(row, "type", () -> InvoiceType.parse(row.required("type")));
        LocalDate issue = date(row, "issue_date");
        LocalDate due = row.get("due_date").isEmpty() && type != InvoiceType.INVOICE ? issue : date(row, "due_date");
        if (due.isBefore(issue)) {
            throw row.error("due_date", "is before the issue date " + issue);
        }
        String currency = currency(row, "currency");
        BigDecimal amount = amount(row, "amount", currency);
        if (amount.signum() <= 0) {
            throw row.error("amount", "must be positive (a credit note is a positive amount of type credit_note)");
        }
        BigDecimal vat = row.get("vat_amount").isEmpty() ? BigDecimal.ZERO.setScale(amount.scale())
                : amount(row, "vat_amount", currency);
        if (vat.signum() < 0 || vat.compareTo(amount) > 0) {
            throw row.error("vat_amount", "must be between 0 and the amount");
        }
        String reference = row.get("reference").replace(" ", "");
        if (!reference.isEmpty() && !PaymentReferences.isValid(reference)) {
            throw row.error("reference", "'" + reference + "' has no valid check digit (KID MOD10/MOD11, OCR or RF)");
        }
        String credits = row.get("credits_invoice_no");
        if (!credits.isEmpty() && type != InvoiceType.CREDIT_NOTE) {
            throw row.error("credits_invoice_no", "only a credit note can credit an invoice");
        }
        return new Invoice(no, customerNo, type, issue, due, currency, amount, vat, reference.isEmpty() ? null : reference,
                credits.isEmpty() ? null : credits);
    }

    public static HistoricalPayment payment(CsvReader.Row row) {
        LocalDate date = date(row, "payment_date");
        String customerNo = number(row, "customer_no");
        String currency = currency(row, "currency");
        BigDecimal amount = amount(row, "amount", currency);
        if (amount.signum() <= 0) {
            throw row.error("amount", "must be positive");
        }
        String invoices = row.get("invoice_no");
        List<String> invoiceNos = invoices.isEmpty() ? List.of()
                : Arrays.stream(invoices.split("[;\\s]+")).filter(s -> !s.isEmpty()).toList();
        for (String n : invoiceNos) {
            if (!NUMBER.matcher(n).matches()) {
                throw row.error("invoice_no", "'" + n + "' is not an invoice number");
            }
        }
        return new HistoricalPayment(date, customerNo, amount, currency, invoiceNos, emptyToNull(row.get("reference")),
                row.line());
    }

    private static String number(CsvReader.Row row, String field) {
        String value = row.required(field);
        if (!NUMBER.matcher(value).matches()) {
            throw row.error(field, "'" + value + "' is not a valid number (letters, digits, '-', '.', '/', at most 40)");
        }
        return value;
    }

    private static String currency(CsvReader.Row row, String field) {
        String value = row.required(field).toUpperCase(java.util.Locale.ROOT);
        if (!CURRENCY.matcher(value).matches()) {
            throw row.error(field, "'" + value + "' is not an ISO 4217 currency code");
        }
        return value;
    }

    /**
     * The dunning state of an invoice migrated from another system (optional columns {@code dunning_level} 0-4
     * and {@code last_dunning_date}), or null when the row has none.
     */
    public record DunningState(String invoiceNo, int level, LocalDate lastDunningDate) {
    }

    public static DunningState dunningState(CsvReader.Row row) {
        String level = row.get("dunning_level");
        if (level.isEmpty()) {
            if (!row.get("last_dunning_date").isEmpty()) {
                throw row.error("dunning_level", "is empty but last_dunning_date is given");
            }
            return null;
        }
        if (!level.matches("[0-4]")) {
            throw row.error("dunning_level", "'" + level + "' is not a dunning level (0 to 4)");
        }
        int n = Integer.parseInt(level);
        LocalDate last = n == 0 ? null : date(row, "last_dunning_date");
        return new DunningState(row.get("invoice_no"), n, last);
    }

    private static BigDecimal amount(CsvReader.Row row, String field, String currency) {
        try {
            return Money.parse(row.required(field), currency);
        } catch (IllegalArgumentException e) {
            throw row.error(field, e.getMessage());
        }
    }

    private static LocalDate date(CsvReader.Row row, String field) {
        String value = row.required(field);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw row.error(field, "'" + value + "' is not an ISO date (YYYY-MM-DD)");
        }
    }

    private static boolean bool(CsvReader.Row row, String field) {
        String v = row.get(field).toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "", "false", "no", "0", "n" -> false;
            case "true", "yes", "1", "y" -> true;
            default -> throw row.error(field, "'" + v + "' is not true or false");
        };
    }

    private static <T> T parse(CsvReader.Row row, String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (CsvException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw row.error(field, e.getMessage());
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
