package org.reskontro.bankfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated valid files in each format, written out and parsed back: the same values come back. Mutated files
 * give a {@link BankFileException} or parse, never another exception.
 */
class BankFilePropertiesTest {

    // ---------------------------------------------------------------- Nets OCR giro

    record OcrTx(int type, boolean negative, long ore, String kid, String text) {
    }

    @Provide
    Arbitrary<OcrTx> ocrTx() {
        return Combinators.combine(Arbitraries.integers().between(10, 21), Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 99_999_999_999L), Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(25),
                Arbitraries.strings().withChars("ABCabcæøå 0123456789").ofMinLength(0).ofMaxLength(40))
                .as(OcrTx::new);
    }

    @Property(tries = 60)
    void ocrGiroRoundTrip(@ForAll @Size(min = 0, max = 40) List<@net.jqwik.api.From("ocrTx") OcrTx> txs) throws IOException {
        List<String> recs = new ArrayList<>();
        recs.add(rec("NY000010" + "55555555" + "0170001" + "00008080"));
        List<String> assignment = new ArrayList<>();
        assignment.add(rec("NY090020" + "000000001" + "0004711" + "15032080119"));
        long total = 0;
        int no = 0;
        for (OcrTx t : txs) {
            no++;
            String tt = String.valueOf(t.type());
            assignment.add(rec(String.format("NY09%s30%07d%s%s%s%s%017d%25s000000", tt, no, "300424", "01291", "00000",
                    t.negative() ? "-" : "0", t.ore(), t.kid()).replace("%", "")));
            assignment.add(rec(String.format("NY09%s31%07d%010d%09d%s%s%s", tt, no, 0, no, "0000000", "300424",
                    "12345678903")));
            if (t.type() == 20 || t.type() == 21) {
                assignment.add(rec(String.format("NY09%s32%07d%-40s", tt, no, t.text())));
            }
            total += t.negative() ? -t.ore() : t.ore();
        }
        assignment.add(rec(String.format("NY090088%08d%08d%s%s", txs.size(), assignment.size() + 1, signed(total),
                "300424300424300424")));
        recs.addAll(assignment);
        recs.add(rec(String.format("NY000089%08d%08d%s%s", txs.size(), recs.size() + 1, signed(total), "300424")));
        Path f = write(String.join("\r\n", recs), "ocr");
        try {
            Parsed p = Parsed.of(f);
            assertThat(p.statements()).hasSize(1);
            List<BankTransaction> got = p.all();
            assertThat(got).hasSize(txs.size());
            for (int i = 0; i < txs.size(); i++) {
                OcrTx t = txs.get(i);
                BankTransaction g = got.get(i);
                BigDecimal expected = BigDecimal.valueOf(t.negative() ? -t.ore() : t.ore(), 2);
                assertThat(g.amount()).isEqualByComparingTo(expected);
                assertThat(g.reference()).isEqualTo(t.kid().isBlank() ? null : t.kid());
                assertThat(g.reversal()).isEqualTo(t.type() == 18 || t.type() == 20);
                if (t.type() == 20 || t.type() == 21) {
                    assertThat(g.text()).isEqualTo(t.text().isBlank() ? null : t.text().trim());
                }
            }
            assertThat(p.statements().get(0).sum()).isEqualByComparingTo(BigDecimal.valueOf(total, 2));
        } finally {
            Files.delete(f);
        }
    }

    private static String signed(long ore) {
        return ore < 0 ? "-" + String.format("%016d", -ore) : String.format("%017d", ore);
    }

    private static String rec(String s) {
        if (s.length() > 80) {
            throw new IllegalArgumentException("record longer than 80: " + s);
        }
        return s + "0".repeat(80 - s.length());
    }

    // ---------------------------------------------------------------- BgMax

    record BgPayment(boolean deduction, long ore, int code, String reference, String name) {
    }

    @Provide
    Arbitrary<BgPayment> bgPayment() {
        return Combinators.combine(Arbitraries.of(false, false, false, true), Arbitraries.longs().between(0, 9_999_999_999L),
                Arbitraries.integers().between(0, 5), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25),
                Arbitraries.strings().withChars("ABCåäö ").ofMinLength(0).ofMaxLength(35)).as(BgPayment::new);
    }

    @Property(tries = 60)
    void bgMaxRoundTrip(@ForAll @Size(min = 1, max = 3) List<@Size(min = 0, max = 15) List<@net.jqwik.api.From("bgPayment") BgPayment>> sections)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(pad("01BGMAX               0120240430061500123456P"));
        int payments = 0;
        int deductions = 0;
        List<List<BigDecimal>> expected = new ArrayList<>();
        int serial = 0;
        for (List<BgPayment> section : sections) {
            long sum = section.stream().mapToLong(p -> p.deduction() ? -p.ore() : p.ore()).sum();
            if (sum < 0) {
                continue;   // a deposit is never negative
            }
            lines.add(pad(String.format("05%010d%10s%s", 50501055, "", "SEK")));
            List<BigDecimal> amounts = new ArrayList<>();
            for (BgPayment p : section) {
                lines.add(pad(String.format("%s%010d%25s%018d%d1%012d0%s", p.deduction() ? "21" : "20", 9912346,
                        p.reference(), p.ore(), p.code(), 1000 + amounts.size(), p.deduction() ? "1" : "")));
                if (!p.name().isBlank()) {
                    lines.add(pad(String.format("26%-35s", p.name())));
                }
                amounts.add(BigDecimal.valueOf(p.deduction() ? -p.ore() : p.ore(), 2));
                if (p.deduction()) {
                    deductions++;
                } else {
                    payments++;
                }
            }
            serial++;
            lines.add(String.format("15%035d%s%05d%018d%s%08d ", 5841000001009823L, "20240430", serial, sum, "SEK",
                    section.size()));
            expected.add(amounts);
        }
        lines.add(pad(String.format("70%08d%08d%08d%08d", payments, deductions, 0, expected.size())));
        Path f = write(String.join("\n", lines) + "\n", "bgmax");
        try {
            Parsed p = Parsed.of(f);
            assertThat(p.statements()).hasSize(expected.size());
            for (int s = 0; s < expected.size(); s++) {
                List<BankTransaction> got = p.transactions().get(s);
                assertThat(got).hasSize(expected.get(s).size());
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).amount()).isEqualByComparingTo(expected.get(s).get(i));
                    assertThat(got.get(i).currency()).isEqualTo("SEK");
                }
            }
            int s = 0;
            for (List<BgPayment> section : sections) {
                if (section.stream().mapToLong(x -> x.deduction() ? -x.ore() : x.ore()).sum() < 0) {
                    continue;
                }
                for (int i = 0; i < section.size(); i++) {
                    BgPayment bp = section.get(i);
                    BankTransaction t = p.transactions().get(s).get(i);
                    if (bp.code() == 2) {
                        assertThat(t.reference()).isEqualTo(bp.reference());
                    } else if (bp.code() <= 1) {
                        assertThat(t.reference()).isNull();
                    }
                    assertThat(t.payerName()).isEqualTo(bp.name().isBlank() ? null : bp.name().trim());
                }
                s++;
            }
        } finally {
            Files.delete(f);
        }
    }

    private static String pad(String s) {
        return String.format("%-80s", s);
    }

    // ---------------------------------------------------------------- camt.053 / camt.054, every version

    record CamtEntry(boolean credit, long cents, String ref, List<Long> batch) {
    }

    @Provide
    Arbitrary<CamtEntry> camtEntry() {
        Arbitrary<List<Long>> batch = Arbitraries.longs().between(1, 1_000_000).list().ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, 10_000_000_000L),
                Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(35), batch).as(CamtEntry::new);
    }

    @Property(tries = 60)
    void camtRoundTrip(@ForAll @IntRange(min = 2, max = 13) int version, @ForAll boolean notification,
                       @ForAll @Size(max = 25) List<@net.jqwik.api.From("camtEntry") CamtEntry> entries,
                       @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int openingCents) throws IOException {
        String type = notification ? "camt.054" : "camt.053";
        String msg = notification ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt";
        String stmt = notification ? "Ntfctn" : "Stmt";
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:").append(type)
                .append(".001.").append(String.format("%02d", version)).append("\"><").append(msg)
                .append("><GrpHdr><MsgId>M</MsgId><CreDtTm>2024-04-30T10:00:00</CreDtTm></GrpHdr><").append(stmt)
                .append("><Id>S1</Id><Acct><Id><IBAN>NO9615032080119</IBAN></Id><Ccy>NOK</Ccy></Acct>");
        List<BigDecimal> expected = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        StringBuilder ntry = new StringBuilder();
        for (CamtEntry e : entries) {
            BigDecimal amount = BigDecimal.valueOf(e.cents(), 2);
            ntry.append("<Ntry><Amt Ccy=\"NOK\">").append(amount.toPlainString()).append("</Amt><CdtDbtInd>")
                    .append(e.credit() ? "CRDT" : "DBIT").append("</CdtDbtInd><BookgDt><Dt>2024-04-30</Dt></BookgDt>");
            boolean split = e.batch().size() >= 2;
            ntry.append("<NtryDtls>");
            if (split) {
                for (Long c : e.batch()) {
                    BigDecimal a = BigDecimal.valueOf(c, 2);
                    ntry.append("<TxDtls><AmtDtls><TxAmt><Amt Ccy=\"NOK\">").append(a.toPlainString())
                            .append("</Amt></TxAmt></AmtDtls>");
                    appendRef(ntry, e.ref());
                    ntry.append("</TxDtls>");
                    BigDecimal signed = e.credit() ? a : a.negate();
                    expected.add(signed);
                    refs.add(e.ref().isEmpty() ? null : e.ref());
                    sum = sum.add(signed);
                }
            } else {
                ntry.append("<TxDtls>");
                if (e.batch().size() == 1) {   // a single TxDtls amount never replaces the entry amount
                    ntry.append("<AmtDtls><TxAmt><Amt Ccy=\"EUR\">").append(e.batch().get(0)).append("</Amt></TxAmt></AmtDtls>");
                }
                appendRef(ntry, e.ref());
                ntry.append("</TxDtls>");
                BigDecimal signed = e.credit() ? amount : amount.negate();
                expected.add(signed);
                refs.add(e.ref().isEmpty() ? null : e.ref());
                sum = sum.add(signed);
            }
            ntry.append("</NtryDtls></Ntry>\n");
        }
        BigDecimal opening = BigDecimal.valueOf(openingCents, 2);
        BigDecimal closing = opening.add(sum);
        x.append(bal("OPBD", opening)).append(bal("CLBD", closing)).append(ntry);
        x.append("</").append(stmt).append("></").append(msg).append("></Document>\n");
        Path f = write(x.toString(), "camt");
        try {
            Parsed p = Parsed.of(f);
            assertThat(p.format()).isEqualTo(type + ".001." + String.format("%02d", version));
            BankStatement s = p.statements().get(0);
            assertThat(s.openingBalance()).isEqualByComparingTo(opening);
            assertThat(s.closingBalance()).isEqualByComparingTo(closing);
            assertThat(s.unbalanced()).isFalse();
            List<BankTransaction> got = p.all();
            assertThat(got).hasSize(expected.size());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).amount()).isEqualByComparingTo(expected.get(i));
                assertThat(got.get(i).reference()).isEqualTo(refs.get(i));
            }
        } finally {
            Files.delete(f);
        }
    }

    private static void appendRef(StringBuilder sb, String ref) {
        if (!ref.isEmpty()) {
            sb.append("<RmtInf><Strd><CdtrRefInf><Ref>").append(ref).append("</Ref></CdtrRefInf></Strd></RmtInf>");
        }
    }

    private static String bal(String code, BigDecimal amount) {
        return "<Bal><Tp><CdOrPrtry><Cd>" + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"NOK\">" + amount.abs().toPlainString()
                + "</Amt><CdtDbtInd>" + (amount.signum() < 0 ? "DBIT" : "CRDT") + "</CdtDbtInd><Dt><Dt>2024-04-30</Dt></Dt></Bal>";
    }

    // ---------------------------------------------------------------- mutations

    @Property(tries = 300)
    void aDamagedFileIsRejectedCleanlyOrParsed(@ForAll("sample") String name, @ForAll @IntRange(min = 0, max = 100_000) int at,
                                               @ForAll @IntRange(min = 0, max = 3) int kind,
                                               @ForAll @IntRange(min = 0, max = 255) int value) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/bankfiles", name));
        int pos = at % bytes.length;
        byte[] damaged;
        switch (kind) {
            case 0 -> damaged = java.util.Arrays.copyOf(bytes, pos);                         // truncated
            case 1 -> {                                                                  // one byte changed
                damaged = bytes.clone();
                damaged[pos] = (byte) value;
            }
            case 2 -> {                                                                  // one byte removed
                damaged = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, damaged, 0, pos);
                System.arraycopy(bytes, pos + 1, damaged, pos, bytes.length - pos - 1);
            }
            default -> {                                                                 // a digit changed
                damaged = bytes.clone();
                damaged[pos] = (byte) ('0' + value % 10);
            }
        }
        Path f = Files.createTempFile("damaged", ".bank");
        Files.write(f, damaged);
        try {
            Parsed.of(f);
        } catch (BankFileException expected) {
            assertThat(expected.getMessage()).startsWith(f.getFileName().toString()).doesNotContain("\n");
        } finally {
            Files.delete(f);
        }
    }

    @Provide
    Arbitrary<String> sample() {
        return Arbitraries.of("camt053-day1.xml", "camt054-reversal.xml", "camt053-v13-wrapped.xml", "ocr-giro.txt",
                "bgmax.txt");
    }

    private static Path write(String content, String prefix) throws IOException {
        Path f = Files.createTempFile(prefix, ".dat");
        Files.writeString(f, content, prefix.equals("camt") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return f;
    }
}
