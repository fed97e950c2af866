package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.reskontro.ledger.OpenItem;

/** Open invoices by their open total: exact while the run changes what is open, and off until asked for. */
class AmountSuggestionsTest {

    private static OpenInvoice invoice(long id, long customer, String currency, String principal, String fee) {
        return new OpenInvoice(id, customer, "F-" + id, null, currency, LocalDate.of(2024, 4, 1),
                new OpenItem(new BigDecimal(fee), BigDecimal.ZERO, new BigDecimal(principal)));
    }

    private static List<Long> ids(List<OpenInvoice> l) {
        return l.stream().map(OpenInvoice::id).toList();
    }

    @Test
    void findsTheOpenTotalInTheCurrencyWhateverItsScale() {
        MatchIndex idx = new MatchIndex();
        idx.addInvoice(invoice(1, 1, "NOK", "1450.00", "50.00"));
        idx.addInvoice(invoice(2, 2, "SEK", "1500.00", "0"));
        idx.addInvoice(invoice(3, 3, "NOK", "1499.99", "0"));
        assertThat(idx.openWithTotal("NOK", new BigDecimal("1500.00"), 3)).isEmpty(); // off until asked for
        idx.suggestByAmount();
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("1500.00"), 3))).containsExactly(1L);
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("1500.0"), 3))).containsExactly(1L);
        assertThat(ids(idx.openWithTotal("SEK", new BigDecimal("1500"), 3))).containsExactly(2L);
        assertThat(idx.openWithTotal("EUR", new BigDecimal("1500.00"), 3)).isEmpty();
        assertThat(idx.openWithTotal("NOK", BigDecimal.ZERO, 3)).isEmpty();
    }

    @Test
    void followsWhatTheRunSettlesAndReopens() {
        MatchIndex idx = new MatchIndex();
        idx.addInvoice(invoice(1, 1, "NOK", "1000.00", "0"));
        idx.addInvoice(invoice(2, 1, "NOK", "1000.00", "0"));
        idx.suggestByAmount();
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("1000.00"), 3))).containsExactlyInAnyOrder(1L, 2L);
        idx.apply(new Decision.Matched(MatchRule.REFERENCE, 1, List.of(1L), BigDecimal.ZERO, "partial"),
                new BigDecimal("400.00"));
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("1000.00"), 3))).containsExactly(2L);
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("600.00"), 3))).containsExactly(1L);
        idx.apply(new Decision.Matched(MatchRule.REFERENCE, 1, List.of(1L), BigDecimal.ZERO, "rest"),
                new BigDecimal("600.00"));
        assertThat(idx.openWithTotal("NOK", new BigDecimal("600.00"), 3)).isEmpty();
        // a reversal re-opens it (the writer sets the open item read back from the ledger)
        idx.invoice(1).setOpen(new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1000.00")));
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("1000.00"), 3))).containsExactlyInAnyOrder(1L, 2L);
        // invoices added after it was turned on are found too
        idx.addInvoice(invoice(3, 2, "NOK", "1000.00", "0"));
        assertThat(ids(idx.openWithTotal("NOK", new BigDecimal("1000.00"), 3))).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void saysWhenAnAmountIsTooCommonBySendingOneMore() {
        MatchIndex idx = new MatchIndex();
        for (long id = 1; id <= 10; id++) {
            idx.addInvoice(invoice(id, id, "NOK", "250.00", "0"));
        }
        idx.suggestByAmount();
        assertThat(idx.openWithTotal("NOK", new BigDecimal("250.00"), 3)).hasSize(4);
    }

    @Test
    void staysExactOverManyRandomChanges() {
        Random r = new Random(42);
        MatchIndex idx = new MatchIndex();
        int n = 2000;
        for (long id = 1; id <= n; id++) {
            idx.addInvoice(invoice(id, id, "NOK", (100 + r.nextInt(50)) + ".00", "0"));
        }
        idx.suggestByAmount();
        for (int i = 0; i < 5000; i++) {
            OpenInvoice inv = idx.invoice(1 + r.nextInt(n));
            inv.setOpen(new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal((r.nextInt(60)) + ".00")));
        }
        for (int amount = 1; amount < 60; amount++) {
            BigDecimal a = new BigDecimal(amount + ".00");
            long expected = idx.invoices().stream().filter(v -> v.open().total().compareTo(a) == 0).count();
            assertThat(idx.openWithTotal("NOK", a, n)).as("amount %s", a).hasSize((int) expected);
        }
    }
}
