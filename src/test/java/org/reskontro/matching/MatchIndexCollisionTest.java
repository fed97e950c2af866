package org.reskontro.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.reskontro.ledger.OpenItem;

/**
 * The index keeps keys only as 32-bit hashes: strings that share a hash must still find their own invoice,
 * customer or account, and never another's.
 */
class MatchIndexCollisionTest {

    @Test
    void referencesThatShareAHashCodeFindTheirOwnInvoice() {
        String[] pair = collision(() -> digits(14));
        MatchIndex idx = new MatchIndex();
        idx.addCustomer(1, "1001", "Alfa AS", null);
        idx.addCustomer(2, "1002", "Beta AS", null);
        idx.addInvoice(invoice(10, 1, "F-10", pair[0]));
        idx.addInvoice(invoice(20, 2, "F-20", pair[1]));
        assertEquals(pair[0].hashCode(), pair[1].hashCode());
        assertEquals(10, idx.byReference(pair[0]).id());
        assertEquals(20, idx.byReference(pair[1]).id());
        assertNull(idx.byReference(pair[0] + "0"));
        idx.addInvoice(invoice(30, 2, "F-30", pair[1])); // the second one's reference now belongs to two invoices
        assertEquals(10, idx.byReference(pair[0]).id());
        assertNull(idx.byReference(pair[1]));
        assertEquals(true, idx.referenceAmbiguous(pair[1]));
        assertEquals(false, idx.referenceAmbiguous(pair[0]));
    }

    @Test
    void invoiceNumbersNamesAndAccountsThatShareAHashCodeStayApart() {
        String[] numbers = collision(() -> "F" + digits(9));
        String[] names = collision(() -> letters(7));
        String[] accounts = collision(() -> digits(11));
        MatchIndex idx = new MatchIndex();
        idx.addCustomer(1, "1001", names[0], null);
        idx.addCustomer(2, "1002", names[1], null);
        idx.addInvoice(invoice(10, 1, numbers[0], null));
        idx.addInvoice(invoice(20, 2, numbers[1], null));
        idx.learnAccount(accounts[0], 1);
        idx.learnAccount(accounts[1], 2);
        assertEquals(Keys.invoiceNo(numbers[0]).hashCode(), Keys.invoiceNo(numbers[1]).hashCode());
        assertEquals(10, idx.byInvoiceKey(Keys.invoiceNo(numbers[0])).id());
        assertEquals(20, idx.byInvoiceKey(Keys.invoiceNo(numbers[1])).id());
        assertEquals(MatchIndex.KeyHit.ONE, idx.invoiceKeyHit(Keys.invoiceNo(numbers[1])));
        assertEquals(1L, idx.customerByName(names[0]));
        assertEquals(2L, idx.customerByName(names[1]));
        assertEquals(1L, idx.customerByAccount(accounts[0]));
        assertEquals(2L, idx.customerByAccount(accounts[1]));

        idx.learnOnlyWithinCustomer();
        idx.learnAccount(accounts[1], 1); // taught during the run, for customer 1 only
        idx.focus(1L);
        assertEquals(1L, idx.customerByAccount(accounts[0]));
        assertNull(idx.customerByAccount(accounts[1]), "paid for 2 before the run and for 1 in it: ambiguous");
        idx.focus(2L);
        assertEquals(2L, idx.customerByAccount(accounts[1]));
        assertEquals(2L, idx.customerByAccountBeforeRun(accounts[1]));
    }

    @Test
    void openAmountsKeepTheirValueAndScaleAndChangeInPlace() {
        MatchIndex idx = new MatchIndex();
        OpenItem odd = new OpenItem(new BigDecimal("65"), new BigDecimal("1.234"), new BigDecimal("100.00"));
        OpenItem huge = new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("12345678901234567890.12"));
        idx.addInvoice(new OpenInvoice(1, 9, "A-1", null, "NOK", null, odd));
        idx.addInvoice(new OpenInvoice(2, 9, "A-2", null, "SEK", LocalDate.of(2024, 1, 1), huge));
        assertEquals(odd, idx.invoice(1).open());
        assertEquals(huge, idx.invoice(2).open());
        assertEquals("SEK", idx.invoice(2).currency());
        OpenItem paid = new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.00"));
        idx.invoice(1).setOpen(paid);
        assertEquals(paid, idx.invoice(1).open());
        assertEquals(false, idx.invoice(1).isOpen());
        assertEquals(1, idx.openItems(9).size());
        assertEquals(2, idx.openItems(9).get(0).id());
        assertNotEquals(idx.invoice(1), idx.invoice(2));
        assertEquals(idx.invoice(1), idx.invoice(1));
    }

    @Test
    void invoicesAndCustomersAddedOutOfIdOrderAreFound() {
        MatchIndex idx = new MatchIndex(2, 2); // grows past its expected size too
        long[] ids = {5, 7, 3, 9, 1, 12, 11, 40, 2};
        for (long id : ids) {
            idx.addCustomer(100 + id, "C" + id, "Kunde " + id, null);
            idx.addInvoice(invoice(id, 100 + id, "N-" + id, null));
        }
        for (long id : ids) {
            assertEquals(id, idx.invoice(id).id());
            assertEquals("N-" + id, idx.invoice(id).invoiceNo());
            assertEquals("C" + id, idx.customer(100 + id).customerNo());
            assertEquals(id, idx.openItems(100 + id).get(0).id());
        }
        assertNull(idx.invoice(4));
        assertNull(idx.customer(104));
    }

    private static OpenInvoice invoice(long id, long customer, String no, String ref) {
        return new OpenInvoice(id, customer, no, ref, "NOK", LocalDate.of(2024, 4, 1),
                new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100.00")));
    }

    /** Two different strings from the source with the same String.hashCode (birthday search). */
    private static String[] collision(Supplier<String> source) {
        Map<Integer, String> seen = new HashMap<>();
        while (true) {
            String s = source.get();
            String before = seen.putIfAbsent(s.hashCode(), s);
            if (before != null && !before.equals(s)) {
                return new String[] {before, s};
            }
        }
    }

    private static final Random RND = new Random(7);

    private static String digits(int n) {
        StringBuilder sb = new StringBuilder("1");
        for (int i = 1; i < n; i++) {
            sb.append((char) ('0' + RND.nextInt(10)));
        }
        return sb.toString();
    }

    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + RND.nextInt(26)));
        }
        return sb.toString();
    }
}
