package org.reskontro.dunning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.CustomerType;

/**
 * The Norwegian and Swedish legal rules for dunning, with dated values: a run for any date uses the values in
 * force on that date. Every value and rule names its legal source (see docs/dunning.md); values marked
 * "to verify" there could not be checked against the published regulation when this was written.
 */
public final class LegalRules {

    /** Norway: no reminder fee for a reminder sent earlier than 14 days after the due date. */
    public static final int NO_FEE_MIN_DAYS_AFTER_DUE = 14;
    /** Norway: the inkassovarsel gives at least 14 days to pay. */
    public static final int NO_FINAL_NOTICE_MIN_DAYS = 14;
    /** Sweden: a final demand gives at least 8 days to pay (god inkassosed, inkassolagen 5 §). */
    public static final int SE_FINAL_NOTICE_MIN_DAYS = 8;

    public static final String NO_FEE_TIMING = "Norwegian reminder fee needs 14 days after due date "
            + "(inkassoloven § 9 / inkassoforskriften § 1-1)";
    public static final String NO_ONE_REMINDER_FEE = "only one Norwegian reminder fee before the inkassovarsel "
            + "(inkassoforskriften § 1-1)";
    public static final String NO_FEE_CAP = "Norwegian reminder fee at most 1/20 of the inkassosats "
            + "(inkassoforskriften § 1-1)";
    public static final String NO_COLLECTION_FEE = "Norwegian collection costs are the agency's inkassosalær, "
            + "not a creditor fee (inkassoforskriften kap. 2)";
    public static final String NO_FINAL_NOTICE = "collection only after an inkassovarsel with at least 14 days "
            + "to pay has run out (inkassoloven § 9)";
    public static final String SE_FEE_AGREED = "Swedish påminnelseavgift only where agreed "
            + "(lag (1981:739) om ersättning för inkassokostnader m.m. 2 §)";
    public static final String SE_ONE_FEE = "Swedish påminnelseavgift once per claim "
            + "(förordning (1981:1057) om ersättning för inkassokostnader m.m.)";
    public static final String SE_FEE_CAP = "Swedish påminnelseavgift at most 60 SEK (förordning (1981:1057))";
    public static final String SE_COLLECTION_FEE = "Swedish inkassokrav fee at most 180 SEK (förordning (1981:1057))";
    public static final String SE_FINAL_NOTICE = "collection only after a final notice with at least 8 days to pay "
            + "has run out (inkassolagen 5 §, god inkassosed)";
    public static final String NO_COMPENSATION = "standardkompensasjon between businesses, reduced by the fees "
            + "charged (forsinkelsesrenteloven § 3a)";
    public static final String SE_COMPENSATION = "förseningsersättning 450 SEK between businesses, reduced by the "
            + "reminder and collection fees charged (lag (1981:739) 4 a §)";
    public static final String NO_INTEREST = "forsinkelsesrente: Norges Bank's policy rate + 8 points, set each "
            + "half-year (forsinkelsesrenteloven § 3)";
    public static final String SE_INTEREST = "dröjsmålsränta: the Riksbank's reference rate + 8 points "
            + "(räntelagen (1975:635) 6 §)";

    private final RateTable inkassosats;
    private final RateTable norwegianLateInterest;
    private final RateTable swedishReferenceRate;
    private final RateTable swedishReminderFeeCap;
    private final RateTable swedishCollectionFeeCap;
    private final RateTable swedishCompensation;
    private final RateTable norwegianCompensation;
    private final RateTable swedishLateInterest;

    public LegalRules(RateTable inkassosats, RateTable norwegianLateInterest, RateTable swedishReferenceRate,
                      RateTable swedishReminderFeeCap, RateTable swedishCollectionFeeCap,
                      RateTable swedishCompensation, RateTable norwegianCompensation) {
        this.inkassosats = inkassosats;
        this.norwegianLateInterest = norwegianLateInterest;
        this.swedishReferenceRate = swedishReferenceRate;
        this.swedishReminderFeeCap = swedishReminderFeeCap;
        this.swedishCollectionFeeCap = swedishCollectionFeeCap;
        this.swedishCompensation = swedishCompensation;
        this.norwegianCompensation = norwegianCompensation;
        Map<LocalDate, BigDecimal> m = new LinkedHashMap<>();
        swedishReferenceRate.values().forEach((d, v) -> m.put(d, v.add(BigDecimal.valueOf(8))));
        this.swedishLateInterest = new RateTable("dröjsmålsränta (%)", m);
    }

    /** The rule packs as built into this version (see docs/dunning.md for sources and what is to verify). */
    public static LegalRules nordic() {
        return new LegalRules(
                table("inkassosats (NOK)", "2017-01-01", "700", "2026-01-01", "750"),
                table("forsinkelsesrente (%)",
                        "2023-01-01", "10.75", "2023-07-01", "11.75", "2024-01-01", "12.50", "2024-07-01", "12.50",
                        "2025-01-01", "12.50", "2025-07-01", "12.25", "2026-01-01", "12.00"),
                table("Riksbank reference rate (%)",
                        "2023-01-01", "2.50", "2023-07-01", "3.50", "2024-01-01", "4.00", "2024-07-01", "4.00",
                        "2025-01-01", "3.00", "2025-07-01", "2.00", "2026-01-01", "2.00"),
                table("påminnelseavgift cap (SEK)", "1993-01-01", "60"),
                table("inkassokrav fee cap (SEK)", "1993-01-01", "180"),
                table("förseningsersättning (SEK)", "2013-03-16", "450"),
                table("standardkompensasjon (NOK)", "2024-01-01", "470", "2026-01-01", "460"));
    }

    private static RateTable table(String name, String... dateValue) {
        Map<LocalDate, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < dateValue.length; i += 2) {
            m.put(LocalDate.parse(dateValue[i]), new BigDecimal(dateValue[i + 1]));
        }
        return new RateTable(name, m);
    }

    /** The highest reminder fee (levels before collection) in force on a date, in the country's currency. */
    public BigDecimal reminderFeeCap(Country country, LocalDate date) {
        return country == Country.NO
                ? inkassosats.on(date).divide(BigDecimal.valueOf(20), 2, RoundingMode.DOWN)
                : swedishReminderFeeCap.on(date).setScale(2);
    }

    /** The highest fee the creditor may add when the claim is handed over to collection. */
    public BigDecimal collectionFeeCap(Country country, LocalDate date) {
        return country == Country.NO ? BigDecimal.ZERO.setScale(2) : swedishCollectionFeeCap.on(date).setScale(2);
    }

    /** The late-interest rate (yearly, percent) in force on a date. */
    public BigDecimal lateInterestRate(Country country, LocalDate date) {
        return country == Country.NO ? norwegianLateInterest.on(date)
                : swedishReferenceRate.on(date).add(BigDecimal.valueOf(8)).setScale(2);
    }

    /** The rate table late interest is accrued with. */
    public RateTable lateInterestTable(Country country) {
        return country == Country.NO ? norwegianLateInterest : swedishLateInterest;
    }

    /** The fixed compensation between businesses on a date, or zero when none is in force. */
    public BigDecimal businessCompensation(Country country, LocalDate date) {
        RateTable t = country == Country.NO ? norwegianCompensation : swedishCompensation;
        return t.hasValueOn(date) ? t.on(date).setScale(2) : BigDecimal.ZERO.setScale(2);
    }

    public String compensationRule(Country country) {
        return country == Country.NO ? NO_COMPENSATION : SE_COMPENSATION;
    }

    public String interestRule(Country country) {
        return country == Country.NO ? NO_INTEREST : SE_INTEREST;
    }

    /** The least number of days a final notice must give. */
    public int finalNoticeMinDays(Country country) {
        return country == Country.NO ? NO_FINAL_NOTICE_MIN_DAYS : SE_FINAL_NOTICE_MIN_DAYS;
    }

    public String finalNoticeRule(Country country) {
        return country == Country.NO ? NO_FINAL_NOTICE : SE_FINAL_NOTICE;
    }

    /** Whether the rules for this kind of customer know a fixed business compensation. */
    public static boolean businessRules(CustomerType type) {
        return type == CustomerType.BUSINESS;
    }

    /**
     * Checks a policy against the rules in force on a date; returns one readable line per problem (empty when
     * the policy is legal).
     */
    public List<String> check(DunningPolicy policy, LocalDate date) {
        List<String> problems = new ArrayList<>();
        for (DunningPolicy.Level level : policy.levels()) {
            for (Country country : Country.values()) {
                String currency = country == Country.NO ? "NOK" : "SEK";
                BigDecimal fee = level.fee(currency);
                if (fee.signum() < 0) {
                    problems.add("level " + level.number() + ": negative fee " + fee + " " + currency);
                    continue;
                }
                boolean collection = level.number() == DunningPolicy.COLLECTION;
                BigDecimal cap = collection ? collectionFeeCap(country, date) : reminderFeeCap(country, date);
                if (fee.compareTo(cap) > 0) {
                    String rule = collection ? (country == Country.NO ? NO_COLLECTION_FEE : SE_COLLECTION_FEE)
                            : (country == Country.NO ? NO_FEE_CAP + ": inkassosats " + inkassosats.on(date)
                            : SE_FEE_CAP);
                    problems.add("level " + level.number() + " (" + level.name() + "): fee " + fee.toPlainString()
                            + " " + currency + " is above the cap " + cap.toPlainString() + " " + currency
                            + " on " + date + " (" + rule + ")");
                }
            }
            if (level.number() == DunningPolicy.FINAL_NOTICE) {
                for (Country country : Country.values()) {
                    if (level.paymentDays() < finalNoticeMinDays(country)) {
                        problems.add("level 3 (" + level.name() + "): gives " + level.paymentDays()
                                + " days to pay; " + finalNoticeRule(country));
                    }
                }
            }
        }
        return problems;
    }
}
