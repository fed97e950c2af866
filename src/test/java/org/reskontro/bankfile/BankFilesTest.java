package org.reskontro.bankfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BankFilesTest {

    static final Path FILES = Path.of("src/test/resources/bankfiles");

    @TempDir
    Path dir;

    @Test
    void camt053EntriesBatchesAndBalances() {
        Parsed p = Parsed.of(FILES.resolve("camt053-day1.xml"));
        assertThat(p.format()).isEqualTo("camt.053.001.08");
        BankStatement s = p.statements().get(0);
        assertThat(s.id()).isEqualTo("STMT-20240429");
        assertThat(s.account()).isEqualTo("NO9615032080119");
        assertThat(s.currency()).isEqualTo("NOK");
        assertThat(s.openingBalance()).isEqualByComparingTo("1000.00");
        assertThat(s.closingBalance()).isEqualByComparingTo("2750.00");   // CLAV is never the closing balance
        assertThat(s.sequenceNo()).isEqualTo(41L);
        assertThat(s.unbalanced()).isFalse();
        assertThat(p.amounts()).containsExactly("1500.00", "200.00", "300.00", "-250.00");

        BankTransaction first = p.all().get(0);
        assertThat(first.amount()).isEqualByComparingTo("1500.00");   // a single TxDtls never replaces the entry amount
        assertThat(first.currency()).isEqualTo("NOK");
        assertThat(first.reference()).isEqualTo("1000100000008");
        assertThat(first.endToEndId()).isEqualTo("E2E-1");
        assertThat(first.bankReference()).isEqualTo("A1");
        assertThat(first.payerName()).isEqualTo("Byggmester Hansen AS");
        assertThat(first.payerAccount()).isEqualTo("12345678903");
        assertThat(first.text()).isEqualTo("Faktura 2024-002");

        // batch: the TxDtls CdtDbtInd DBIT is ignored, the entry's CRDT wins; AmtDtls/TxAmt counts as an amount
        BankTransaction b1 = p.all().get(1);
        BankTransaction b2 = p.all().get(2);
        assertThat(b1.amount()).isEqualByComparingTo("200.00");
        assertThat(b1.reference()).isEqualTo("RF34100030000003");
        assertThat(b1.bankReference()).isEqualTo("B1");
        assertThat(b2.amount()).isEqualByComparingTo("300.00");
        assertThat(b2.reference()).isEqualTo("10002000000027");

        BankTransaction fee = p.all().get(3);
        assertThat(fee.text()).isEqualTo("Gebyr");
        // 23:30Z is 01:30 the next day in Oslo
        assertThat(fee.bookingDate()).isEqualTo(LocalDate.of(2024, 4, 30));
        assertThat(fee.valueDate()).isEqualTo(LocalDate.of(2024, 4, 29));
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreText() throws IOException {
        String xml = Files.readString(FILES.resolve("camt053-day1.xml"))
                .replace("<AddtlNtryInf>Gebyr</AddtlNtryInf>", "<AddtlNtryInf>Gebyr &amp; s&#248;k &lt;x&gt;</AddtlNtryInf>")
                .replace("<Nm>Byggmester Hansen AS</Nm>", "<Nm>Hansen &amp; S&#xF8;nn AS</Nm>");
        Path f = dir.resolve("entities.xml");
        Files.writeString(f, xml);
        Parsed p = Parsed.of(f);
        assertThat(p.all().get(0).payerName()).isEqualTo("Hansen & Sønn AS");
        assertThat(p.all().get(3).text()).isEqualTo("Gebyr & søk <x>");
    }

    @Test
    void camt054ReversalAndBatchWithoutAllAmounts() {
        Parsed p = Parsed.of(FILES.resolve("camt054-reversal.xml"));
        assertThat(p.format()).isEqualTo("camt.054.001.06");
        assertThat(p.statements()).hasSize(1);
        assertThat(p.statements().get(0).account()).isEqualTo("15032080119");
        BankTransaction reversal = p.all().get(0);
        assertThat(reversal.amount()).isEqualByComparingTo("-1250.00");
        assertThat(reversal.reversal()).isTrue();
        assertThat(reversal.payerName()).isEqualTo("Returned Debtor AB");   // Cdtr for a debit
        assertThat(reversal.payerAccount()).isEqualTo("SE4550000000058398257466");
        assertThat(reversal.text()).isEqualTo("Returned direct debit");
        assertThat(reversal.bookingDate()).isEqualTo(LocalDate.of(2024, 4, 30));   // DtTm without offset: as written
        // two TxDtls, one without an amount: one transaction with the entry amount; a Strd without CdtrRefInf gives none
        BankTransaction second = p.all().get(1);
        assertThat(p.all()).hasSize(2);
        assertThat(second.amount()).isEqualByComparingTo("90.00");
        assertThat(second.reference()).isEqualTo("12345678903");
    }

    @Test
    void documentInsideAWrapperVersion13PrcdAndThreeDecimals() {
        Parsed p = Parsed.of(FILES.resolve("camt053-v13-wrapped.xml"));
        assertThat(p.format()).isEqualTo("camt.053.001.13");
        BankStatement s = p.statements().get(0);
        assertThat(s.currency()).isEqualTo("SEK");           // no Acct/Ccy: the opening balance's
        assertThat(s.openingBalance()).isEqualByComparingTo("-100.00");
        assertThat(s.closingBalance()).isEqualByComparingTo("100.555");
        assertThat(s.unbalanced()).isFalse();
        assertThat(p.amounts()).containsExactly("200.555");
        assertThat(p.all().get(0).payerName()).isEqualTo("Svensson AB");
    }

    @Test
    void everyCamtVersionHasAnEntryModel() {
        for (String type : List.of("camt.053", "camt.054")) {
            for (int v = 2; v <= 13; v++) {
                Class<?> c = CamtParser.entryClass(type, String.format("%02d", v));
                assertThat(c.getSimpleName()).startsWith("ReportEntry");
            }
        }
    }

    @Test
    void netsOcrGiroSignsTypesAndControlTotals() {
        Parsed p = Parsed.of(FILES.resolve("ocr-giro.txt"));
        assertThat(p.format()).isEqualTo("nets-ocr-giro");
        BankStatement s = p.statements().get(0);
        assertThat(s.id()).isEqualTo("0004711");
        assertThat(s.account()).isEqualTo("15032080119");
        assertThat(s.currency()).isEqualTo("NOK");
        assertThat(s.openingBalance()).isNull();
        assertThat(s.sum()).isEqualByComparingTo("2270.50");
        assertThat(p.amounts()).containsExactly("1500.00", "250.50", "-400.00", "1020.00", "-100.00");
        List<BankTransaction> t = p.all();
        assertThat(t.get(0).bookingDate()).isEqualTo(LocalDate.of(2024, 4, 29));
        assertThat(t.get(0).bankReference()).isEqualTo("123456789");
        assertThat(t.get(0).payerAccount()).isEqualTo("12345678903");
        assertThat(t.get(1).payerAccount()).isNull();                  // all zeros
        assertThat(t.get(2).reversal()).isTrue();                      // type 18
        assertThat(t.get(3).reference()).isEqualTo("0000531");         // leading zeros kept, type 21 with a KID
        assertThat(t.get(3).text()).isEqualTo("Faktura 77 og 78");     // amount item 3
        assertThat(t.get(4).reference()).isNull();                     // blank KID
        assertThat(t.get(4).reversal()).isTrue();                      // type 20
    }

    @Test
    void bgMaxDeductionsNamesAndDeposit() {
        Parsed p = Parsed.of(FILES.resolve("bgmax.txt"));
        assertThat(p.format()).isEqualTo("bgmax");
        BankStatement s = p.statements().get(0);
        assertThat(s.id()).isEqualTo("00017");
        assertThat(s.account()).isEqualTo("50501055");
        assertThat(s.currency()).isEqualTo("SEK");
        assertThat(p.amounts()).containsExactly("1250.00", "-200.00", "300.00");
        BankTransaction first = p.all().get(0);
        assertThat(first.reference()).isEqualTo("1000100000008");
        assertThat(first.payerName()).isEqualTo("Kalles Plåt AB");
        assertThat(first.text()).isEqualTo("Faktura 1001");
        assertThat(first.payerAccount()).isEqualTo("9912346");
        assertThat(first.bankReference()).isEqualTo("000000100001");
        assertThat(first.bookingDate()).isEqualTo(LocalDate.of(2024, 4, 30));
        assertThat(p.all().get(1).reference()).isNull();               // reference code 1
    }

    @Test
    void bgMaxToleratesTabsShortLinesAndLf() throws IOException {
        String text = Files.readString(FILES.resolve("bgmax.txt"), StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\n").replaceAll(" +\n", "\n")
                .replace("22000555123400000000000010002000000002", "220005551234\t\t0000000010002000000002");
        Path f = dir.resolve("untidy");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        assertThat(Parsed.of(f).amounts()).containsExactly("1250.00", "-200.00", "300.00");
    }

    @Test
    void theFormatComesFromTheContentNotTheName() throws IOException {
        Path f = dir.resolve("statement.xml");
        Files.copy(FILES.resolve("ocr-giro.txt"), f);
        assertThat(Parsed.of(f).format()).isEqualTo("nets-ocr-giro");
    }

    @Test
    void leniencyTurnsControlTotalMismatchesIntoWarnings() throws IOException {
        Path f = withLine("ocr-giro.txt", 15, l -> l.substring(0, 40) + "1" + l.substring(41));
        assertThatThrownBy(() -> Parsed.of(f)).isInstanceOf(BankFileException.class).hasMessageContaining("record 88 total");
        Parsed lenient = Parsed.of(f, true);
        assertThat(lenient.warnings()).anySatisfy(w -> assertThat(w).contains("record 88 total"));
    }

    // ---- malformed input: each gives a one-line BankFileException naming the file and place, nothing else

    @ParameterizedTest
    @ValueSource(strings = {
            "not-xml|<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><Stmt></Document>|not well-formed",
            "no-namespace|<Document><Stmt/></Document>|not a camt.053/camt.054 document (no namespace)",
            "truncated|TRUNCATE|not well-formed",
            "unknown-ns|camt.052|not a camt.053/camt.054 document",
            "no-amt|<Amt Ccy=\"NOK\">1500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>=><CdtDbtInd>CRDT</CdtDbtInd>|entry 1: no Amt",
            "bad-amt|>1500.00<=>>15x0.00<|entry 1",
            "bad-ind|<CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>\n        <BookgDt><Dt>2024-04-29</Dt></BookgDt><ValDt><Dt>2024-04-29</Dt></ValDt>\n        <AcctSvcrRef>A1=><CdtDbtInd>CRED</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>\n        <BookgDt><Dt>2024-04-29</Dt></BookgDt><ValDt><Dt>2024-04-29</Dt></ValDt>\n        <AcctSvcrRef>A1|CdtDbtInd",
            "bad-date|<DtTm>2024-04-29T23:30:00Z</DtTm>=><DtTm>2024-13-29T23:30:00Z</DtTm>|BookgDt",
            "no-stmt|STMT|has no Stmt",
            "bad-balance|>1000.00<=>>1.000,00<|balance OPBD: not an amount"})
    void malformedCamt(String spec) throws IOException {
        String[] p = spec.split("\\|");
        String xml = Files.readString(FILES.resolve("camt053-day1.xml"));
        String bad;
        if (p[1].equals("TRUNCATE")) {
            bad = xml.substring(0, xml.length() / 2);
        } else if (p[1].equals("STMT")) {
            bad = xml.substring(0, xml.indexOf("<Stmt>")) + "</BkToCstmrStmt></Document>";
        } else if (p[1].equals("camt.052")) {
            bad = xml.replace("camt.053.001.08", "camt.052.001.08");
        } else if (p[1].contains("=>")) {
            String[] r = p[1].split("=>");
            bad = xml.replaceFirst(java.util.regex.Pattern.quote(r[0]), java.util.regex.Matcher.quoteReplacement(r[1]));
            assertThat(bad).isNotEqualTo(xml);
        } else {
            bad = p[1];
        }
        Path f = dir.resolve(p[0] + ".xml");
        Files.writeString(f, bad);
        assertThatThrownBy(() -> Parsed.of(f)).isInstanceOf(BankFileException.class)
                .hasMessageStartingWith(p[0] + ".xml")
                .hasMessageContaining(p[2])
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void malformedNetsOcr() throws IOException {
        assertRejected(withLine("ocr-giro.txt", 3, l -> l.substring(0, 79)), "ocr-giro.txt:3: record length 79, must be 80");
        assertRejected(withLine("ocr-giro.txt", 3, l -> l.substring(0, 15) + "320424" + l.substring(21)),
                "ocr-giro.txt:3: field 'settlement date' (pos. 16-21) is not a date DDMMYY: '320424'");
        assertRejected(withLine("ocr-giro.txt", 3, l -> l.substring(0, 40) + "x" + l.substring(41)),
                "ocr-giro.txt:3: field 'amount' (pos. 33-49) is not digits");
        assertRejected(withLine("ocr-giro.txt", 16, l -> null), "truncated: no end-transmission record (89)");
        assertRejected(withLine("ocr-giro.txt", 16, l -> l.substring(0, 15) + "6" + l.substring(16)),
                "record 89 counts 6 transactions, the file has 5");
        assertRejected(withLine("ocr-giro.txt", 1, l -> "NY000020" + l.substring(8)),
                "the first record must be a start-transmission record");
    }

    @Test
    void malformedBgMax() throws IOException {
        assertRejected(withLine("bgmax.txt", 9, l -> l.substring(0, 37) + "20241331" + l.substring(45)),
                "bgmax.txt:9: field 'deposit date' (pos. 38-45) is not a date YYYYMMDD: '20241331'");
        assertRejected(withLine("bgmax.txt", 10, l -> "70000000030000000100000001" + l.substring(26)),
                "end record (70) counts 3 payments");
        assertRejected(withLine("bgmax.txt", 9, l -> l.substring(0, 50) + "000000000000135001" + l.substring(68)),
                "deposit 00017 amount 1350.01 differs from the signed sum of the section 1350.00");
        assertRejected(withLine("bgmax.txt", 10, l -> null), "truncated: no end record (70)");
        assertRejected(withLine("bgmax.txt", 3, l -> l + "X"), "record length 81");
    }

    @Test
    void notABankFile() throws IOException {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        assertRejected(empty, "empty: empty file");
        Path csv = dir.resolve("payments.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");
        assertRejected(csv, "payments.csv: not a bank file");
    }

    /** The import stores a statement's transactions as they come, so it must know the statement first. */
    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/bankfiles/camt053-day1.xml",
            "src/test/resources/bankfiles/camt053-day2-overlap.xml", "src/test/resources/bankfiles/camt053-unbalanced.xml",
            "src/test/resources/bankfiles/camt053-v13-wrapped.xml", "src/test/resources/bankfiles/camt054-reversal.xml",
            "src/test/resources/bankfiles/ocr-giro.txt", "src/test/resources/bankfiles/bgmax.txt",
            "sample-data/bank/camt053-NO9615032080119-2024-04-29.xml", "sample-data/bank/bgmax-50501055-2024-04-29.txt"})
    void everyStatementStartsWithItsIdentityBeforeItsTransactions(String file) {
        List<String> events = new java.util.ArrayList<>();
        new BankFiles(java.time.ZoneId.of("Europe/Oslo")).parse(Path.of(file), new BankFileHandler() {
            @Override
            public void statementStart(BankStatement h) {
                events.add("start " + h.format() + "|" + h.key() + "|" + h.id() + "|" + h.account());
            }

            @Override
            public void transaction(BankTransaction t) {
                events.add("tx");
            }

            @Override
            public void statement(BankStatement s) {
                events.add("end " + s.format() + "|" + s.key() + "|" + s.id() + "|" + s.account());
            }
        });

        assertThat(events).isNotEmpty();
        String open = null;
        for (String e : events) {
            if (e.startsWith("start ")) {
                assertThat(open).as("a statement starts inside another").isNull();
                open = e.substring(6);
            } else if (e.equals("tx")) {
                assertThat(open).as("a transaction before its statement's start").isNotNull();
            } else {
                assertThat(e.substring(4)).as("the statement's identity as it started").isEqualTo(open);
                open = null;
            }
        }
        assertThat(open).isNull();
    }

    private void assertRejected(Path f, String message) {
        assertThatThrownBy(() -> Parsed.of(f)).isInstanceOf(BankFileException.class).hasMessageContaining(message);
    }

    private Path withLine(String name, int lineNo, java.util.function.UnaryOperator<String> change) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(FILES.resolve(name), StandardCharsets.ISO_8859_1));
        String changed = change.apply(lines.get(lineNo - 1));
        if (changed == null) {
            lines.remove(lineNo - 1);
        } else {
            lines.set(lineNo - 1, changed);
        }
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.ISO_8859_1);
        return f;
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }
}
