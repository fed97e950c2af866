package org.reskontro.bankfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.reskontro.ledger.PaymentReferences;
import org.reskontro.ledger.PaymentReferences.Validity;

/** The schemes a bank transaction's reference_valid is decided by. */
class ReferenceValidityTest {

    @Test
    void schemes() {
        assertThat(PaymentReferences.check("1000100000008")).isEqualTo(Validity.KID_MOD10);
        assertThat(PaymentReferences.check("10002000000028")).isEqualTo(Validity.KID_MOD11);
        assertThat(PaymentReferences.check("100008-")).isEqualTo(Validity.KID_MOD11);        // '-' check character
        assertThat(PaymentReferences.check("RF34100030000003")).isEqualTo(Validity.RF);
        assertThat(PaymentReferences.check("RF34 1000 3000 0003")).isEqualTo(Validity.RF);
        assertThat(PaymentReferences.check("1234574")).isEqualTo(Validity.OCR_LENGTH);       // Swedish OCR, length digit
        assertThat(PaymentReferences.isValid("1234566")).isTrue();                           // Swedish OCR, Luhn only
        assertThat(PaymentReferences.isValid("10002000000027")).isFalse();
        assertThat(PaymentReferences.isValid("RF35100030000003")).isFalse();
        assertThat(PaymentReferences.isValid("ISR ref number V1")).isFalse();
    }
}
