package org.reskontro.letters;

import org.reskontro.common.CheckDigits;

/**
 * The company that sends the letters and is owed the money, as shown in the letter head and the payment box.
 *
 * @param bankAccount a domestic account number (Norway: 11 digits)
 * @param bankgiro    the Swedish bankgiro number, shown to Swedish customers when present
 */
public record Creditor(String name, String orgNo, String address, String postalCode, String city, String country,
                       String bankAccount, String iban, String bankgiro, String email) {

    /** Norwegian account numbers as people write them: {@code 1503.20.80119}. */
    public String formattedBankAccount() {
        if (bankAccount == null) {
            return "";
        }
        String digits = CheckDigits.digitsOf(bankAccount);
        return digits.length() == 11 ? digits.substring(0, 4) + "." + digits.substring(4, 6) + "." + digits.substring(6)
                : bankAccount;
    }

    /** The IBAN in groups of four: {@code NO96 1503 2080 119}. */
    public String formattedIban() {
        if (iban == null) {
            return "";
        }
        String s = iban.replace(" ", "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(s, i, Math.min(s.length(), i + 4));
        }
        return sb.toString();
    }
}
