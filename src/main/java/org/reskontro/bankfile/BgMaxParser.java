package org.reskontro.bankfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Bankgirot BgMax (Sweden), ISO-8859-1: 01 start, sections 05 ... 15 (payments 20, deductions 21, extra references
 * 22/23, information 25, name and address 26-29), 70 end. Short lines and TABs are tolerated; the deposit
 * totals (15) and the counts of record 70 must match the contents.
 */
final class BgMaxParser {

    static final String FORMAT = "bgmax";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final boolean lenientTotals;

    /** @param lenientTotals control totals and counts that disagree give a warning instead of a rejection */
    BgMaxParser(boolean lenientTotals) {
        this.lenientTotals = lenientTotals;
    }

    void parse(Path file, String name, BankFileHandler handler) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            new Run(name, in, handler, lenientTotals).run();
        }
    }

    private static final class Run {
        private final boolean lenient;
        private final String name;
        private final BufferedReader in;
        private final BankFileHandler handler;
        private int lineNo;
        private String line;

        private long payments;
        private long deductions;
        private long extraRefs;
        private long deposits;
        private boolean ended;

        private String bankgiro;
        private String currency;
        private Payment pending;
        private java.util.List<Payment> section;   // payments of the open section, until its deposit record

        Run(String name, BufferedReader in, BankFileHandler handler, boolean lenient) {
            this.lenient = lenient;
            this.name = name;
            this.in = in;
            this.handler = handler;
        }

        void run() throws IOException {
            handler.format(FORMAT);
            boolean first = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > 80) {
                    throw reject("record length " + line.length() + ", at most 80");
                }
                if (ended) {
                    throw reject("record after the end record (70)");
                }
                line = String.format("%-80s", line);
                String type = line.substring(0, 2);
                if (first) {
                    if (!line.startsWith("01BGMAX")) {
                        throw reject("the first record must be a BgMax start record (01BGMAX)");
                    }
                    first = false;
                    continue;
                }
                switch (type) {
                    case "05" -> open();
                    case "20", "21" -> payment("21".equals(type));
                    case "22", "23" -> {
                        current(type);
                        extraRefs++;
                    }
                    case "25" -> {
                        Payment p = current(type);
                        String t = Props.blankToNull(field(3, 52));
                        if (t != null) {
                            p.text = p.text == null ? t : p.text + " " + t;
                        }
                    }
                    case "26" -> {
                        Payment p = current(type);
                        String n = Props.blankToNull(field(3, 37));
                        String n2 = Props.blankToNull(field(38, 72));
                        p.name = n2 == null ? n : n == null ? n2 : n + " " + n2;
                    }
                    case "27", "28", "29" -> current(type);
                    case "15" -> deposit();
                    case "70" -> end();
                    default -> throw reject("unknown record type " + type);
                }
            }
            if (first) {
                throw reject("empty file");
            }
            if (!ended) {
                lineNo++;
                throw reject("truncated: no end record (70)");
            }
        }

        private void open() {
            if (bankgiro != null) {
                throw reject("opening record (05) inside a section (no deposit record 15)");
            }
            bankgiro = digits(3, 12, "recipient bankgiro number").replaceFirst("^0+(?=\\d)", "");
            currency = field(23, 25).trim();
            if (!currency.matches("[A-Z]{3}")) {
                throw reject("field 'currency' (pos. 23-25) is not a currency code: '" + currency + "'");
            }
            section = new java.util.ArrayList<>();
        }

        private void payment(boolean deduction) {
            inSection(deduction ? "21" : "20");
            String sender = digits(3, 12, "sender bankgiro number");
            String ref = Props.blankToNull(field(13, 37).replace('\t', ' '));
            BigDecimal amount = new BigDecimal(digits(38, 55, "amount")).movePointLeft(2);
            char code = field(56, 56).charAt(0);
            if (code < '0' || code > '5') {
                throw reject("field 'reference code' (pos. 56) must be 0-5, not '" + code + "'");
            }
            Payment p = new Payment();
            p.amount = deduction ? amount.negate() : amount;
            p.reference = code == '2' || code == '3' || code == '4' || code == '5' ? ref : null;
            p.payerAccount = sender.matches("0+") ? null : sender.replaceFirst("^0+(?=\\d)", "");
            p.bankRef = Props.blankToNull(field(58, 69));
            section.add(p);
            pending = p;
            if (deduction) {
                deductions++;
            } else {
                payments++;
            }
        }

        private Payment current(String type) {
            inSection(type);
            if (pending == null) {
                throw reject("record " + type + " without a payment record (20/21) before it");
            }
            return pending;
        }

        private void inSection(String type) {
            if (bankgiro == null) {
                throw reject("record " + type + " outside a section (no opening record 05)");
            }
        }

        private void deposit() {
            inSection("15");
            String f = digits(38, 45, "deposit date");
            LocalDate date;
            try {
                date = LocalDate.parse(f, YYYYMMDD);
            } catch (DateTimeParseException e) {
                throw reject("field 'deposit date' (pos. 38-45) is not a date YYYYMMDD: '" + f + "'");
            }
            String serial = digits(46, 50, "deposit serial number");
            BigDecimal total = new BigDecimal(digits(51, 68, "deposit amount")).movePointLeft(2);
            String ccy = field(69, 71);
            long count = Long.parseLong(digits(72, 79, "number of payments"));
            BigDecimal sum = BigDecimal.ZERO;
            for (Payment p : section) {
                sum = sum.add(p.amount);
            }
            if (!ccy.equals(currency)) {
                throw reject("deposit currency " + ccy + " differs from the section currency " + currency);
            }
            if (count != section.size()) {
                mismatch(reject("deposit " + serial + " counts " + count + " payments, the section has " + section.size()));
            }
            if (total.compareTo(sum) != 0) {
                mismatch(reject("deposit " + serial + " amount " + total.toPlainString()
                        + " differs from the signed sum of the section " + sum.toPlainString()));
            }
            BankStatement statement = new BankStatement(FORMAT, "bgmax:" + bankgiro + ":" + date + ":" + serial,
                    serial, bankgiro, currency, null, null, null, date, section.size(), sum);
            handler.statementStart(statement);
            for (Payment p : section) {
                handler.transaction(new BankTransaction(p.amount, currency, date, null, p.reference, null, p.bankRef,
                        p.name, p.payerAccount, p.text, false));
            }
            handler.statement(statement);
            deposits++;
            bankgiro = null;
            pending = null;
            section = null;
        }

        private void end() {
            if (bankgiro != null) {
                throw reject("end record (70) inside a section (no deposit record 15)");
            }
            long p = Long.parseLong(digits(3, 10, "number of payments"));
            long d = Long.parseLong(digits(11, 18, "number of deductions"));
            long x = Long.parseLong(digits(19, 26, "number of extra references"));
            long dep = Long.parseLong(digits(27, 34, "number of deposits"));
            if (p != payments || d != deductions || x != extraRefs || dep != deposits) {
                mismatch(reject("end record (70) counts " + p + " payments, " + d + " deductions, " + x
                        + " extra references, " + dep + " deposits; the file has " + payments + ", " + deductions + ", "
                        + extraRefs + ", " + deposits));
            }
            ended = true;
        }

        private String field(int from, int to) {
            return line.substring(from - 1, to);
        }

        private String digits(int from, int to, String what) {
            String f = field(from, to);
            if (!f.matches("\\d+")) {
                throw reject("field '" + what + "' (pos. " + from + "-" + to + ") is not digits: '" + f.trim() + "'");
            }
            return f;
        }

        private void mismatch(BankFileException e) {
            if (!lenient) {
                throw e;
            }
            handler.warning(e.getMessage());
        }

        private BankFileException reject(String reason) {
            return new BankFileException(name + ":" + lineNo + ": " + reason);
        }
    }

    private static final class Payment {
        BigDecimal amount;
        String reference;
        String payerAccount;
        String bankRef;
        String name;
        String text;
    }
}
