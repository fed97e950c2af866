package org.reskontro.letters;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.reskontro.letters.render.LetterRenderer;

/** Letters for tests: one per level and language, with known amounts, references and dates. */
public final class SampleLetters {

    public static final Creditor CREDITOR = new Creditor("Eksempel Regnskap AS", "923609016", "Storgata 1", "0155",
            "Oslo", "NO", "15032080119", "NO9615032080119", "5050-1055", "faktura@eksempel.no");

    private SampleLetters() {
    }

    public static LetterRenderer renderer(Path templatesDir) {
        return new LetterRenderer(templatesDir, CREDITOR,
                new LetterRenderer.Subjects(LetterRenderer.Subjects.defaults()));
    }

    public static DunningLetter letter(Language language, int level) {
        return letter(language, level, "Byggmester Hansen AS", "byggmester.hansen.as@example.no");
    }

    public static DunningLetter letter(Language language, int level, String name, String email) {
        boolean se = language == Language.SV;
        LocalDate date = LocalDate.of(2024, 4, 30);
        List<DunningLetter.Item> items = List.of(
                new DunningLetter.Item("2024-003", LocalDate.of(2024, 2, 25), LocalDate.of(2024, 3, 10),
                        se ? "000100190000000375" : "00010001000000038", new BigDecimal("30000.00"),
                        level >= 2 ? new BigDecimal("35.00") : BigDecimal.ZERO.setScale(2),
                        level >= 3 ? new BigDecimal("512.33") : BigDecimal.ZERO.setScale(2), level),
                new DunningLetter.Item("2024-017", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31),
                        "RF712348231", new BigDecimal("1250.50"), BigDecimal.ZERO.setScale(2),
                        BigDecimal.ZERO.setScale(2), 1));
        return new DunningLetter(se ? "10019" : "10001", name,
                new Customer.PostalAddress("Bryggen 3", "5003", "Bergen"), email, language,
                se ? Country.SE : Country.NO, CustomerType.BUSINESS, level, LetterTemplates.forLevel(level), date,
                date.plusDays(14), se ? "SEK" : "NOK", items,
                level >= 3 ? new DunningLetter.InterestNotice(new BigDecimal("12.50"), LocalDate.of(2024, 3, 11)) : null,
                level == 3, email == null ? DunningLetter.Channel.PRINT : DunningLetter.Channel.EMAIL);
    }
}
