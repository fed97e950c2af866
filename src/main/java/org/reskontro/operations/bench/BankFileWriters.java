package org.reskontro.operations.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;

import org.reskontro.matching.BankPayment;

/**
 * Streaming writers of synthetic bank files for the benchmarks: camt.053.001.02 and camt.054.001.02 (one statement
 * or notification, one {@code Ntry} per payment) and Nets OCR giro (80-character records with correct 88/89
 * trailers). Each is a {@link Sink} that takes one payment at a time, so nothing but one payment is held: camt
 * states its closing balance before the entries, so its entries are written beside the file first and copied
 * behind the header on close.
 */
public final class BankFileWriters {

    public static final String ACCOUNT = "15032080119";
    private static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMyy");

    private BankFileWriters() {
    }

    /** A bank file written one payment at a time; {@link #close()} finishes it. */
    public interface Sink extends AutoCloseable {
        void accept(BankPayment p);

        /** Payments written so far. */
        long count();

        Path file();

        @Override
        void close();
    }

    /** camt.053.001.02 ({@code notification=false}) or camt.054.001.02; returns the number of entries. */
    public static long camt(Path file, boolean notification, Iterator<BankPayment> payments) {
        try (Sink sink = camtSink(file, notification)) {
            payments.forEachRemaining(sink::accept);
            return sink.count();
        }
    }

    /**
     * A camt.053.001.02 ({@code notification=false}) or camt.054.001.02 sink. The statement states its closing
     * balance before the entries, so the entries go to a file beside it first and are copied behind the header when
     * the sink is closed, with the sum known.
     */
    public static Sink camtSink(Path file, boolean notification) {
        return new CamtSink(file, notification);
    }

    /** What every sink counts: its file and the payments written to it. */
    private abstract static class CountingSink implements Sink {
        final Path file;
        long n;

        CountingSink(Path file) {
            this.file = file;
        }

        @Override
        public long count() {
            return n;
        }

        @Override
        public Path file() {
            return file;
        }
    }

    private static final class CamtSink extends CountingSink {
        private final Path entries;
        private final boolean notification;
        private final Writer w;
        private final StringBuilder sb = new StringBuilder(1024);
        private BigDecimal sum = BigDecimal.ZERO;

        CamtSink(Path file, boolean notification) {
            super(file);
            this.entries = file.resolveSibling(file.getFileName() + ".entries");
            this.notification = notification;
            try {
                this.w = writer(entries, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(entries + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void accept(BankPayment p) {
            sb.setLength(0);
            entry(sb, p);
            try {
                w.write(sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(entries + ": " + e.getMessage(), e);
            }
            sum = sum.add(p.amount());
            n++;
        }

        @Override
        public void close() {
            String type = notification ? "camt.054" : "camt.053";
            String msg = notification ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt";
            String stmt = notification ? "Ntfctn" : "Stmt";
            try {
                w.close();
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    StringBuilder head = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
                            + "xmlns=\"urn:iso:std:iso:20022:tech:xsd:" + type + ".001.02\">\n<" + msg + ">\n<GrpHdr><MsgId>BENCH-"
                            + type + "</MsgId><CreDtTm>2024-04-30T06:00:00</CreDtTm></GrpHdr>\n<" + stmt + ">\n<Id>BENCH-"
                            + type + "-1</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>2024-04-30T06:00:00</CreDtTm>\n<Acct><Id>"
                            + "<Othr><Id>" + ACCOUNT + "</Id></Othr></Id><Ccy>NOK</Ccy></Acct>\n");
                    if (!notification) {
                        head.append(balance("OPBD", BigDecimal.ZERO.setScale(2))).append(balance("CLBD", sum));
                    }
                    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                    Files.copy(entries, out);
                    out.write(("</" + stmt + ">\n</" + msg + ">\n</Document>\n").getBytes(StandardCharsets.UTF_8));
                }
                Files.delete(entries);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String balance(String code, BigDecimal amount) {
        return "<Bal><Tp><CdOrPrtry><Cd>" + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"NOK\">" + amount.abs().toPlainString()
                + "</Amt><CdtDbtInd>" + (amount.signum() < 0 ? "DBIT" : "CRDT") + "</CdtDbtInd><Dt><Dt>2024-04-30</Dt></Dt>"
                + "</Bal>\n";
    }

    static void entry(StringBuilder sb, BankPayment p) {
        boolean credit = p.amount().signum() >= 0;
        String date = p.bookingDate().toString();
        sb.append("<Ntry><Amt Ccy=\"").append(p.currency()).append("\">").append(p.amount().abs().toPlainString())
                .append("</Amt><CdtDbtInd>").append(credit ? "CRDT" : "DBIT").append("</CdtDbtInd>");
        if (p.reversal()) {
            sb.append("<RvslInd>true</RvslInd>");
        }
        sb.append("<Sts>BOOK</Sts><BookgDt><Dt>").append(date).append("</Dt></BookgDt><ValDt><Dt>").append(date)
                .append("</Dt></ValDt>");
        if (p.bankReference() != null) {
            sb.append("<AcctSvcrRef>").append(esc(p.bankReference())).append("</AcctSvcrRef>");
        }
        sb.append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>").append(credit ? "RCDT" : "ICDT")
                .append("</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>");
        sb.append("<NtryDtls><TxDtls>");
        if (p.endToEndId() != null) {
            sb.append("<Refs><EndToEndId>").append(esc(p.endToEndId())).append("</EndToEndId></Refs>");
        }
        if (p.payerName() != null || p.payerAccount() != null) {
            String party = credit ? "Dbtr" : "Cdtr";
            sb.append("<RltdPties>");
            if (p.payerName() != null) {
                sb.append('<').append(party).append("><Nm>").append(esc(p.payerName())).append("</Nm></").append(party)
                        .append('>');
            }
            if (p.payerAccount() != null) {
                sb.append('<').append(party).append("Acct><Id><Othr><Id>").append(esc(p.payerAccount()))
                        .append("</Id></Othr></Id></").append(party).append("Acct>");
            }
            sb.append("</RltdPties>");
        }
        if (p.text() != null || p.reference() != null) {
            sb.append("<RmtInf>");
            if (p.text() != null) {
                sb.append("<Ustrd>").append(esc(p.text())).append("</Ustrd>");
            }
            if (p.reference() != null) {
                sb.append("<Strd><CdtrRefInf><Ref>").append(esc(p.reference())).append("</Ref></CdtrRefInf></Strd>");
            }
            sb.append("</RmtInf>");
        }
        sb.append("</TxDtls></NtryDtls></Ntry>\n");
    }

    /** A Nets OCR giro sink: one assignment, its 88 and the transmission's 89 trailer written on close. */
    public static Sink ocrSink(Path file) {
        return new OcrSink(file);
    }

    private static final class OcrSink extends CountingSink {
        private static final String TODAY = "300424";
        private final Writer w;
        private long records;
        private long assignmentRecords;
        private long total;

        OcrSink(Path file) {
            super(file);
            try {
                w = writer(file, StandardCharsets.ISO_8859_1);
                w.write(rec("NY000010" + "55555555" + "0170001" + "00008080"));
                records++;
                w.write(rec("NY090020" + "000000001" + "0004711" + ACCOUNT));
                assignmentRecords++;
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void accept(BankPayment p) {
            n++;
            long ore = p.amount().movePointRight(2).longValueExact();
            boolean withText = p.text() != null;
            String tt = p.reversal() ? (withText ? "20" : "18") : (withText ? "21" : "10");
            String kid = p.reference() == null ? "" : p.reference();
            if (kid.length() > 25) {
                kid = kid.substring(0, 25);
            }
            String no = String.format("%07d", n % 10_000_000);
            String date = p.bookingDate().format(DDMMYY);
            try {
                w.write(rec("NY09" + tt + "30" + no + date + "01291" + "00000" + (ore < 0 ? "-" : "0")
                        + String.format("%017d", Math.abs(ore)) + String.format("%25s", kid) + "000000"));
                String acct = p.payerAccount() != null && p.payerAccount().matches("\\d{11}") ? p.payerAccount()
                        : "00000000000";
                w.write(rec("NY09" + tt + "31" + no + String.format("%010d", 0) + String.format("%09d", n % 1_000_000_000)
                        + "0000000" + date + acct));
                assignmentRecords += 2;
                if (withText) {
                    String text = p.text().length() > 40 ? p.text().substring(0, 40) : p.text();
                    w.write(rec("NY09" + tt + "32" + no + String.format("%-40s", text)));
                    assignmentRecords++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
            total += ore;
        }

        @Override
        public void close() {
            try (w) {
                w.write(rec(String.format("NY090088%08d%08d%s%s", n, assignmentRecords + 1, signed(total),
                        TODAY + TODAY + TODAY)));
                records += assignmentRecords + 1;
                w.write(rec(String.format("NY000089%08d%08d%s%s", n, records + 1, signed(total), TODAY)));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String signed(long ore) {
        return ore < 0 ? "-" + String.format("%016d", -ore) : String.format("%017d", ore);
    }

    private static String rec(String s) {
        if (s.length() > 80) {
            throw new IllegalArgumentException("record longer than 80: " + s);
        }
        return s + "0".repeat(80 - s.length()) + "\r\n";
    }

    private static Writer writer(Path file, Charset cs) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), cs), 1 << 16);
    }

    static String esc(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(r != null ? r : String.valueOf(c));
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * The payment as the {@code round}-th repetition of a file's payments writes it (round 0: itself): transaction
     * {@code position} of the file, with end-to-end id and bank reference made unique by the round.
     */
    public static BankPayment copy(BankPayment p, long position, long round) {
        if (round == 0) {
            return p;
        }
        return new BankPayment(position, p.amount(), p.currency(), p.bookingDate(), p.reference(),
                p.endToEndId() == null ? null : p.endToEndId() + "-" + round,
                p.bankReference() == null ? null : p.bankReference() + "-" + round, p.payerName(),
                p.payerAccount(), p.text(), p.reversal());
    }

}
