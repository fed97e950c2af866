package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.bankfile.BankFileException;
import org.reskontro.bankfile.BankFileHandler;
import org.reskontro.bankfile.BankFiles;
import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.BankTransaction;

/** Found by the mutation test: a rejection that quotes a huge field was itself hundreds of kilobytes long. */
class HostileMessageTest {

    @Test
    void aRejectionQuotingAHugeFieldStaysOneShortLineNamingTheFile(@TempDir Path dir) throws IOException {
        String seed = Files.readString(Path.of("src/test/resources/bankfiles/camt054-reversal.xml"), StandardCharsets.UTF_8);
        int at = seed.indexOf("<DtTm>", seed.indexOf("<BookgDt>"));
        assertThat(at).as("the seed has a BookgDt/DtTm").isPositive();
        at += 6;
        Path file = dir.resolve("huge-date.xml");
        Files.writeString(file, seed.substring(0, at) + "9".repeat(200_000) + seed.substring(at),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new BankFiles(ZoneId.of("Europe/Oslo")).parse(file, new BankFileHandler() {
            @Override
            public void transaction(BankTransaction t) {
            }

            @Override
            public void statement(BankStatement s) {
            }
        })).isInstanceOf(BankFileException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("huge-date.xml").hasSizeLessThanOrEqualTo(1000)
                        .doesNotContain("\n").endsWith("characters, cut)"));
    }

    @Test
    void deeplyNestedXmlIsRejectedQuickly(@TempDir Path dir) throws IOException {
        String seed = Files.readString(Path.of("src/test/resources/bankfiles/camt053-day1.xml"), StandardCharsets.UTF_8);
        for (String inside : new String[] {"<Acct>", "<Ntry>", "<Stmt>"}) {
            int at = seed.indexOf(inside) + inside.length();
            Path file = dir.resolve("deep.xml");
            Files.writeString(file, seed.substring(0, at) + "<Id>".repeat(200_000) + seed.substring(at), StandardCharsets.UTF_8);
            assertThatThrownBy(() -> new BankFiles(ZoneId.of("Europe/Oslo")).parse(file, new BankFileHandler() {
                @Override
                public void transaction(BankTransaction t) {
                }

                @Override
                public void statement(BankStatement s) {
                }
            })).as(inside).isInstanceOf(BankFileException.class).hasMessageStartingWith("deep.xml")
                    .hasMessageContaining("nested deeper than 100");
        }
    }

    @Test
    void controlCharactersOfQuotedInputBecomeSpaces() {
        assertThat(new BankFileException("f.txt:3: bad amount 'a\nb\u0000c'").getMessage())
                .isEqualTo("f.txt:3: bad amount 'a b c'");
    }
}
