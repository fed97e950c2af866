package org.reskontro.letters.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reskontro.ledger.Language;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.RenderedLetter;
import org.reskontro.letters.SampleLetters;

class LetterRendererTest {

    @TempDir
    Path templates;

    @ParameterizedTest(name = "{0} level {1}")
    @CsvSource({
            "NB, 1, Påminnelse, '31 250,50', 14.05.2024, 10.03.2024",
            "NB, 2, Purring, 30 035,00, 14.05.2024, purregebyr",
            "NB, 3, Inkassovarsel, 30 547,33, 14.05.2024, innen 14 dager",
            "NB, 4, Kravet er sendt til inkasso, 30 547,33, 10.03.2024, overlevert til inkasso",
            "SV, 1, Påminnelse, 31 250,50, 2024-05-14, 2024-03-10",
            "SV, 2, Betalningspåminnelse, 30 035,00, 2024-05-14, påminnelseavgift",
            "SV, 3, Inkassovarning, 30 547,33, 2024-05-14, lämnas fordran till inkasso",
            "SV, 4, Ärendet har lämnats till inkasso, 30 547,33, 2024-03-10, Bankgiro|inkassokrav",
            "EN, 1, Reminder, '30,000.00', 14/05/2024, 10/03/2024",
            "EN, 2, Formal reminder, '30,035.00', 14/05/2024, reminder fee",
            "EN, 3, Final notice before debt collection, '30,547.33', 14/05/2024, within 14 days",
            "EN, 4, Your debt has been passed to debt collection, '31,797.83', 10/03/2024, collection agency"})
    void eachLevelInEachLanguage(Language language, int level, String heading, String amount, String date,
                                 String wording) throws Exception {
        DunningLetter letter = SampleLetters.letter(language, level);
        RenderedLetter r = SampleLetters.renderer(templates).render(letter);

        // kept for looking at (target/letter-samples/nb-3.pdf, .html)
        Path samples = Files.createDirectories(Path.of("target/letter-samples"));
        Files.write(samples.resolve(language.code() + "-" + level + ".pdf"), r.pdf());
        Files.writeString(samples.resolve(language.code() + "-" + level + ".html"), r.html());
        Files.writeString(samples.resolve(language.code() + "-" + level + ".txt"), r.text());
        String html = normalise(r.html());
        String text = normalise(r.text());
        String pdf = pdfText(r.pdf()).replaceAll("[\\s\u00a0]+", "");
        for (String part : (heading + "|" + amount + "|" + date + "|" + wording).split("\\|")) {
            String p = normalise(part);
            assertThat(html).as("html").contains(p);
            if (!p.equals(heading) || level != 4) {
                assertThat(text).as("text").containsIgnoringCase(p);
            }
            if (!p.equals(wording)) {
                assertThat(pdf).as("pdf").containsIgnoringCase(p.replace(" ", ""));
            }
        }
        assertThat(r.subject()).contains("Eksempel Regnskap AS").doesNotContain("\n", "\r");
        assertThat(text).doesNotContain("${").doesNotContain("[(");
        // the XHTML the PDF renderer needs
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.html().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void finalNoticeStatesTheCollectionWarningTheInterestRateAndItsStart() throws Exception {
        RenderedLetter r = SampleLetters.renderer(templates).render(SampleLetters.letter(Language.NB, 3));
        String text = normalise(r.text());
        assertThat(text).contains("Betales ikke kravet innen 14 dager etter at dette varselet ble sendt, det vil si innen 14.05.2024, vil kravet bli sendt til inkasso")
                .contains("Forsinkelsesrenten er 12,50 % per år")
                .contains("løper fra 11.03.2024")
                .contains("Kontonummer: 1503.20.80119")
                .contains("KID 00010001000000038")
                .contains("Sum å betale: 31 797,83 NOK");
        assertThat(pdfText(r.pdf()).replaceAll("\\s+", "")).contains("inkassovarseletterinkassoloven§9");
    }

    @Test
    void aSingleInvoiceShowsItsReferenceInThePaymentBox() {
        DunningLetter two = SampleLetters.letter(Language.SV, 1);
        DunningLetter one = new DunningLetter(two.customerNo(), two.customerName(), two.address(), two.email(),
                two.language(), two.country(), two.customerType(), 1, "reminder", two.letterDate(),
                two.paymentDeadline(), two.currency(), two.items().subList(0, 1), null, false, two.channel());
        String text = normalise(SampleLetters.renderer(templates).text(one));
        assertThat(text).contains("OCR: 000100190000000375").contains("Bankgiro: 5050-1055");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "NB, KID/RF, KID 00010001000000038, Betal hver faktura for seg med sin KID/RF",
            "SV, OCR/RF, OCR 000100190000000375, Betala varje faktura för sig med dess OCR/RF",
            "EN, KID/RF, KID 00010001000000038, Pay each invoice separately with its KID/RF"})
    void aTableMixingKidAndRfLabelsEachRowWithItsOwnKind(Language language, String header, String firstRow,
                                                       String payment) throws Exception {
        DunningLetter mixed = SampleLetters.letter(language, 2); // 2024-003 with KID/OCR, 2024-017 with RF
        RenderedLetter r = SampleLetters.renderer(templates).render(mixed);
        String html = normalise(r.html());
        assertThat(html).contains("<th>" + header + "</th>");
        assertThat(row(html, "2024-003")).contains("<td>" + firstRow + "</td>");
        assertThat(row(html, "2024-017")).contains("<td>RF71 2348 231</td>").doesNotContain("KID").doesNotContain("OCR");
        assertThat(html.replaceAll("<[^>]+>", "")).contains(payment);
        String pdf = pdfText(r.pdf()).replaceAll("\\s+", " ");
        assertThat(pdf).contains(header).contains(firstRow).contains("RF71 2348 231");

        // one kind of reference: the column says which, the rows show the bare references
        DunningLetter kidOnly = new DunningLetter(mixed.customerNo(), mixed.customerName(), mixed.address(),
                mixed.email(), mixed.language(), mixed.country(), mixed.customerType(), 2, "formal-reminder",
                mixed.letterDate(), mixed.paymentDeadline(), mixed.currency(), List.of(mixed.items().get(0),
                new DunningLetter.Item("2024-018", mixed.items().get(1).issueDate(), mixed.items().get(1).dueDate(),
                        mixed.items().get(0).paymentReference(), mixed.items().get(1).principalLeft(),
                        mixed.items().get(1).fee(), mixed.items().get(1).interest(), 1)),
                null, false, mixed.channel());
        String single = normalise(SampleLetters.renderer(templates).html(kidOnly));
        String label = header.substring(0, 3);
        assertThat(single).contains("<th>" + label + "</th>").doesNotContain(header);
        assertThat(row(single, "2024-003")).contains("<td>" + firstRow.substring(4) + "</td>");
    }

    /** The table row of an invoice in the letter's HTML. */
    private static String row(String html, String invoiceNo) {
        Matcher m = Pattern.compile("<tr>\\s*<td>" + invoiceNo + "</td>.*?</tr>").matcher(html);
        assertThat(m.find()).as("row of " + invoiceNo).isTrue();
        return m.group();
    }

    @Test
    void customerDataIsEscapedNeverMarkup() throws Exception {
        DunningLetter letter = SampleLetters.letter(Language.EN, 2, "<script>alert(1)</script> & \"Co\"",
                "x@example.no");
        RenderedLetter r = SampleLetters.renderer(templates).render(letter);
        assertThat(r.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;");
        assertThat(pdfText(r.pdf())).contains("<script>alert(1)</script>");
    }

    @Test
    void aTemplateInTheTemplatesFolderOverridesTheJars() throws Exception {
        Path file = templates.resolve("letters/nb/reminder.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "Hei [(${letter.customerName()})], betal [(${fmt.money(letter.total())})].");
        LetterRenderer renderer = SampleLetters.renderer(templates);
        assertThat(normalise(renderer.text(SampleLetters.letter(Language.NB, 1))).strip()).isEqualTo("Hei Byggmester Hansen AS, betal 31 250,50 NOK.");
        // the HTML still comes from the jar
        assertThat(renderer.html(SampleLetters.letter(Language.NB, 1))).contains("<h1>Påminnelse</h1>");
    }

    @Test
    void anUnknownTemplateNameFallsBackToTheLevelsTemplate() {
        DunningLetter l = SampleLetters.letter(Language.NB, 2);
        DunningLetter named = new DunningLetter(l.customerNo(), l.customerName(), l.address(), l.email(), l.language(),
                l.country(), l.customerType(), 2, "../../etc/passwd", l.letterDate(), l.paymentDeadline(),
                l.currency(), l.items(), l.interest(), false, l.channel());
        assertThat(SampleLetters.renderer(templates).html(named)).contains("<h1>Purring</h1>");
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    /** No-break spaces as plain spaces, runs of white space as one. */
    static String normalise(String s) {
        return s.replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll("\\s+", " ");
    }
}
