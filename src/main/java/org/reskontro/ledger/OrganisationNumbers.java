package org.reskontro.ledger;

import org.reskontro.common.CheckDigits;

/** Validation of organisation numbers per country: Norwegian MOD11 (9 digits), Swedish Luhn (10 digits). */
public final class OrganisationNumbers {

    private OrganisationNumbers() {
    }

    public static boolean isValid(Country country, String orgNo) {
        return switch (country) {
            case NO -> CheckDigits.isNorwegianOrgNo(orgNo == null ? null : orgNo.replace(" ", ""));
            case SE -> CheckDigits.isSwedishOrgNo(orgNo);
        };
    }

    /** The canonical form: digits only for Norway, NNNNNN-NNNN for Sweden. */
    public static String normalise(Country country, String orgNo) {
        String digits = CheckDigits.digitsOf(orgNo);
        if (country == Country.SE) {
            if (digits.length() == 12) {
                digits = digits.substring(2);
            }
            return digits.substring(0, 6) + "-" + digits.substring(6);
        }
        return digits;
    }
}
