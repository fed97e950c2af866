package org.reskontro.bankfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TransactionKeysTest {

    static BankTransaction tx(String amount, String bankRef, String text) {
        return new BankTransaction(new BigDecimal(amount), "NOK", LocalDate.of(2024, 4, 30), null, null, null, bankRef,
                null, null, text, false);
    }

    @Test
    void theSameTransactionGetsTheSameKeyInEveryFile() {
        String a = new TransactionKeys().next("NO96", tx("100.00", "X1", null));
        String b = new TransactionKeys().next("NO96", tx("100.0", "X1", "other text"));   // scale and text do not matter
        assertThat(a).isEqualTo(b).endsWith("#1");
        assertThat(new TransactionKeys().next("NO97", tx("100.00", "X1", null))).isNotEqualTo(a);
    }

    @Test
    void identicalTransactionsInOneFileAreCountedNotMerged() {
        TransactionKeys keys = new TransactionKeys();
        String first = keys.next("NO96", tx("50.00", null, "Betaling"));
        String second = keys.next("NO96", tx("50.00", null, "Betaling"));
        assertThat(first).endsWith("#1");
        assertThat(second).endsWith("#2").startsWith(first.substring(0, 64));
    }

    @Test
    void countsSurviveGrowth() {
        TransactionKeys keys = new TransactionKeys();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(keys.next("NO96", tx(i + ".00", "R" + i, null)))).isTrue();
        }
        assertThat(keys.next("NO96", tx("17.00", "R17", null))).endsWith("#2");
    }
}
