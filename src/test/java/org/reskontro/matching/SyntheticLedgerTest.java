package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The generator's chunked form: the same ledger as a whole one where it fits a chunk, and sound ids beyond. */
class SyntheticLedgerTest {

    @Test
    void aLedgerThatFitsOneChunkIsExactlyTheWholeOne() {
        SyntheticLedger whole = SyntheticLedger.generate(3000, 42);
        List<SyntheticLedger> chunks = new ArrayList<>();
        SyntheticLedger.generateInChunks(3000, 42, 3000, chunks::add);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).customers()).isEqualTo(whole.customers());
        assertThat(chunks.get(0).invoices()).isEqualTo(whole.invoices());
        assertThat(chunks.get(0).payments()).isEqualTo(whole.payments());
    }

    @Test
    void chunksContinueEachOthersIdsAndNeverShareANameReferenceOrEndToEndId() {
        List<SyntheticLedger> chunks = new ArrayList<>();
        SyntheticLedger.generateInChunks(2500, 7, 1000, chunks::add);

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2).invoices()).hasSize(500);
        long customerId = 0;
        long invoiceId = 0;
        long paymentId = 0;
        Set<String> references = new HashSet<>();
        Set<String> invoiceNos = new HashSet<>();
        Set<String> endToEnd = new HashSet<>();
        Map<String, Integer> chunkOfName = new HashMap<>();
        for (int k = 0; k < chunks.size(); k++) {
            SyntheticLedger chunk = chunks.get(k);
            Set<Long> customersHere = new HashSet<>();
            Set<Long> invoicesHere = new HashSet<>();
            for (SyntheticLedger.Customer c : chunk.customers()) {
                assertThat(c.id()).isEqualTo(++customerId);
                customersHere.add(c.id());
                Integer before = chunkOfName.putIfAbsent(Keys.name(c.name()), k);
                assertThat(before == null || before == k).as("name %s in chunks %s and %s", c.name(), before, k).isTrue();
            }
            for (SyntheticLedger.Invoice i : chunk.invoices()) {
                assertThat(i.id()).isEqualTo(++invoiceId);
                assertThat(customersHere).contains(i.customerId());
                assertThat(references.add(i.reference())).as(i.reference()).isTrue();
                assertThat(invoiceNos.add(i.invoiceNo())).as(i.invoiceNo()).isTrue();
                invoicesHere.add(i.id());
            }
            for (SyntheticLedger.Payment p : chunk.payments()) {
                assertThat(p.tx().id()).isEqualTo(++paymentId);
                assertThat(invoicesHere).containsAll(p.truth());
                if (p.tx().endToEndId() != null && !p.tx().reversal()) {
                    assertThat(endToEnd.add(p.tx().endToEndId())).as(p.tx().endToEndId()).isTrue();
                }
            }
        }
        assertThat(invoiceId).isEqualTo(2500);
        assertThat(paymentId).isEqualTo(2500);
        // booking dates run over the month across the whole ledger, not again in each chunk
        assertThat(chunks.get(0).payments().get(0).tx().bookingDate())
                .isBefore(chunks.get(2).payments().get(499).tx().bookingDate());
        assertThat(chunks.get(2).payments().get(0).tx().bookingDate())
                .isAfter(chunks.get(0).payments().get(999).tx().bookingDate().minusDays(1));
    }
}
