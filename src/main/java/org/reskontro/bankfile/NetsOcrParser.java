package org.reskontro.bankfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Nets OCR giro (Norway): 80-character records, ISO-8859-1. Transmission 10 ... 89 holding assignments 20 ... 88
 * (service code 09) with transactions 30 + 31 (+ 32 for types 20 and 21). Counts and the signed amount totals of
 * records 88 and 89 must match the contents.
 */
final class NetsOcrParser {

    static final String FORMAT = "nets-ocr-giro";

    private final boolean lenientTotals;

    /** @param lenientTotals control totals and counts that disagree give a warning instead of a rejection */
    NetsOcrParser(boolean lenientTotals) {
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

        // transmission
        private String transmissionNo;
        private String dataSender;
        private long txTotal;
        private long recTotal;
        private BigDecimal sumTotal = BigDecimal.ZERO;
        private boolean ended;
        private int assignments;

        // assignment
        private String assignmentNo;
        private String account;
        private long txCount;
        private long recCount;
        private BigDecimal sum;

        // transaction being read
        private Pending pending;

        Run(String name, BufferedReader in, BankFileHandler handler, boolean lenient) {
            this.lenient = lenient;
            this.name = name;
            this.in = in;
            this.handler = handler;
        }

        void run() throws IOException {
            handler.format(FORMAT);
            boolean first = true;
            int blank = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    blank++;
                    continue;
                }
                if (blank > 0) {
                    throw reject("empty line before a record");
                }
                if (line.length() != 80) {
                    throw reject("record length " + line.length() + ", must be 80");
                }
                if (!line.startsWith("NY")) {
                    throw reject("record does not start with NY");
                }
                if (ended) {
                    throw reject("record after the end-transmission record (89)");
                }
                String type = line.substring(6, 8);
                if (first) {
                    if (!"10".equals(type) || !"00".equals(line.substring(2, 4))) {
                        throw reject("the first record must be a start-transmission record (NY000010)");
                    }
                    dataSender = digits(9, 16, "data transmitter");
                    transmissionNo = digits(17, 23, "transmission number");
                    digits(24, 31, "data recipient");
                    recTotal++;
                    first = false;
                    continue;
                }
                recTotal++;
                switch (type) {
                    case "20" -> startAssignment();
                    case "30" -> amount1();
                    case "31" -> amount2();
                    case "32" -> amount3();
                    case "88" -> endAssignment();
                    case "89" -> endTransmission();
                    default -> throw reject("unknown record type " + type);
                }
            }
            if (first) {
                throw reject("empty file");
            }
            if (!ended) {
                lineNo++;
                throw reject("truncated: no end-transmission record (89)");
            }
        }

        private void startAssignment() {
            if (assignmentNo != null) {
                throw reject("start-assignment record (20) inside an assignment");
            }
            String service = line.substring(2, 4);
            if (!"09".equals(service)) {
                throw reject("assignment with service code " + service + " is not OCR giro (09)");
            }
            digits(9, 17, "agreement id");
            assignmentNo = digits(18, 24, "assignment number");
            account = digits(25, 35, "assignment account");
            txCount = 0;
            recCount = 1;
            sum = BigDecimal.ZERO;
            assignments++;
            handler.statementStart(statement(null));
        }

        /** The open assignment as a statement (the settlement date is in its record 88). */
        private BankStatement statement(LocalDate date) {
            return new BankStatement(FORMAT, "nets-ocr:" + dataSender + ":" + transmissionNo + ":" + assignmentNo,
                    assignmentNo, account, "NOK", null, null, null, date, txCount, sum);
        }

        private void inAssignment(String record) {
            if (assignmentNo == null) {
                throw reject("record " + record + " outside an assignment");
            }
            recCount++;
        }

        private void amount1() {
            inAssignment("30");
            flush();
            String ttype = digits(5, 6, "transaction type");
            int t = Integer.parseInt(ttype);
            if (t < 10 || t > 21) {
                throw reject("unknown transaction type " + ttype);
            }
            String txNo = digits(9, 15, "transaction number");
            LocalDate date = date(16, 21, "settlement date");
            char sign = line.charAt(31);
            if (sign != '-' && sign != '0' && sign != ' ' && sign != '+') {
                throw reject("sign (pos. 32) must be '-' or '0', not '" + sign + "'");
            }
            BigDecimal amount = new BigDecimal(digits(33, 49, "amount")).movePointLeft(2);
            if (sign == '-') {
                amount = amount.negate();
            }
            String kid = Props.blankToNull(field(50, 74));
            pending = new Pending(ttype, txNo, date, amount, kid, lineNo);
        }

        private void amount2() {
            inAssignment("31");
            if (pending == null || pending.seen31) {
                throw reject("amount item 2 (31) without amount item 1 (30)");
            }
            check(pending, "31");
            pending.bankRef = Props.blankToNull(field(26, 34));
            String debit = field(48, 58);
            if (!debit.matches("\\d{11}|\\s{11}")) {
                throw reject("field 'debit account' (pos. 48-58) is not 11 digits: '" + debit + "'");
            }
            pending.payerAccount = debit.isBlank() || debit.matches("0+") ? null : debit;
            pending.seen31 = true;
            if (!"20".equals(pending.type) && !"21".equals(pending.type)) {
                flush();
            }
        }

        private void amount3() {
            inAssignment("32");
            if (pending == null || !pending.seen31) {
                throw reject("amount item 3 (32) without amount items 1 and 2");
            }
            check(pending, "32");
            pending.text = Props.blankToNull(field(16, 55));
            flush();
        }

        private void check(Pending p, String record) {
            if (!line.substring(4, 6).equals(p.type) || !field(9, 15).equals(p.txNo)) {
                throw reject("record " + record + " does not belong to transaction " + p.txNo + " (type " + p.type + ")");
            }
        }

        private void flush() {
            if (pending == null) {
                return;
            }
            if (!pending.seen31) {
                throw new BankFileException(name + ":" + pending.line + ": transaction " + pending.txNo
                        + " has no amount item 2 (31)");
            }
            boolean reversal = "18".equals(pending.type) || "20".equals(pending.type);
            handler.transaction(new BankTransaction(pending.amount, "NOK", pending.date, null, pending.kid, null,
                    pending.bankRef, null, pending.payerAccount, pending.text, reversal));
            txCount++;
            sum = sum.add(pending.amount);
            pending = null;
        }

        private void endAssignment() {
            inAssignment("88");
            flush();
            long n = Long.parseLong(digits(9, 16, "number of transactions"));
            long records = Long.parseLong(digits(17, 24, "number of records"));
            BigDecimal total = signedTotal();
            LocalDate date = date(42, 47, "settlement date");
            if (n != txCount) {
                mismatch(reject("assignment " + assignmentNo + ": record 88 counts " + n + " transactions, the assignment has " + txCount));
            }
            if (records != recCount) {
                mismatch(reject("assignment " + assignmentNo + ": record 88 counts " + records + " records, the assignment has " + recCount));
            }
            if (total.compareTo(sum) != 0) {
                mismatch(reject("assignment " + assignmentNo + ": record 88 total " + total.toPlainString()
                        + " differs from the signed sum of the transactions " + sum.toPlainString()));
            }
            handler.statement(statement(date));
            txTotal += txCount;
            sumTotal = sumTotal.add(sum);
            assignmentNo = null;
        }

        private void endTransmission() {
            if (assignmentNo != null) {
                throw reject("end-transmission record (89) inside assignment " + assignmentNo + " (no record 88)");
            }
            long n = Long.parseLong(digits(9, 16, "number of transactions"));
            long records = Long.parseLong(digits(17, 24, "number of records"));
            BigDecimal total = signedTotal();
            date(42, 47, "settlement date");
            if (n != txTotal) {
                mismatch(reject("record 89 counts " + n + " transactions, the file has " + txTotal));
            }
            if (records != recTotal) {
                mismatch(reject("record 89 counts " + records + " records, the file has " + recTotal));
            }
            if (total.compareTo(sumTotal) != 0) {
                mismatch(reject("record 89 total " + total.toPlainString() + " differs from the signed sum of the transactions "
                        + sumTotal.toPlainString()));
            }
            ended = true;
        }

        /** Total amount pos. 25-41 in øre; a '-' in its first position makes it negative. */
        private BigDecimal signedTotal() {
            String f = field(25, 41);
            boolean negative = f.startsWith("-");
            String d = negative ? f.substring(1) : f;
            if (!d.matches("\\d+")) {
                throw reject("field 'total amount' (pos. 25-41) is not a number: '" + f + "'");
            }
            BigDecimal v = new BigDecimal(d).movePointLeft(2);
            return negative ? v.negate() : v;
        }

        private String field(int from, int to) {
            return line.substring(from - 1, to);
        }

        private String digits(int from, int to, String what) {
            String f = field(from, to);
            if (!f.matches("\\d+")) {
                throw reject("field '" + what + "' (pos. " + from + "-" + to + ") is not digits: '" + f + "'");
            }
            return f;
        }

        private LocalDate date(int from, int to, String what) {
            String f = digits(from, to, what);
            int dd = Integer.parseInt(f.substring(0, 2));
            int mm = Integer.parseInt(f.substring(2, 4));
            int yy = Integer.parseInt(f.substring(4, 6));
            if (dd == 0 && mm == 0 && yy == 0) {
                return null;
            }
            try {
                return LocalDate.of(yy < 80 ? 2000 + yy : 1900 + yy, mm, dd);
            } catch (DateTimeException e) {
                throw reject("field '" + what + "' (pos. " + from + "-" + to + ") is not a date DDMMYY: '" + f + "'");
            }
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

    private static final class Pending {
        final String type;
        final String txNo;
        final LocalDate date;
        final BigDecimal amount;
        final String kid;
        final int line;
        String bankRef;
        String payerAccount;
        String text;
        boolean seen31;

        Pending(String type, String txNo, LocalDate date, BigDecimal amount, String kid, int line) {
            this.type = type;
            this.txNo = txNo;
            this.date = date;
            this.amount = amount;
            this.kid = kid;
            this.line = line;
        }
    }
}
