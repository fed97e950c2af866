package org.reskontro.bankfile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one camt {@code Ntry} (a prowide model object of any version) into transactions, following the
 * splitting, sign and reference rules of docs/file-formats.md.
 */
final class EntryReader {

    private final Object entry;
    private final ZoneId zone;
    private final Function<String, BankFileException> reject;
    private final java.util.Map<String, String> rawDateTimes;

    EntryReader(Object entry, ZoneId zone, java.util.Map<String, String> rawDateTimes,
                Function<String, BankFileException> reject) {
        this.entry = entry;
        this.zone = zone;
        this.rawDateTimes = rawDateTimes;
        this.reject = reject;
    }

    List<BankTransaction> transactions() {
        BigDecimal amount = (BigDecimal) Props.get(entry, "Amt", "Value");
        String ccy = Props.string(entry, "Amt", "Ccy");
        if (amount == null || Props.get(entry, "Amt") == null) {
            throw reject.apply("no Amt (or not an amount)");
        }
        if (ccy == null) {
            throw reject.apply("Amt has no Ccy");
        }
        Object ind = Props.get(entry, "CdtDbtInd");
        String indicator = ind == null ? null : ind.toString();
        boolean credit;
        if ("CRDT".equals(indicator)) {
            credit = true;
        } else if ("DBIT".equals(indicator)) {
            credit = false;
        } else {
            throw reject.apply("CdtDbtInd missing or not CRDT/DBIT");
        }
        if (amount.signum() < 0) {
            throw reject.apply("negative Amt " + amount.toPlainString() + " (the sign belongs in CdtDbtInd)");
        }
        boolean reversal = Boolean.TRUE.equals(Props.get(entry, "RvslInd"));
        LocalDate booking = date("BookgDt");
        LocalDate value = date("ValDt");
        String entryRef = Props.string(entry, "AcctSvcrRef");

        List<Object> details = new ArrayList<>();
        for (Object nd : Props.list(entry, "NtryDtls")) {
            details.addAll(Props.list(nd, "TxDtls"));
        }
        boolean split = details.size() >= 2 && details.stream().allMatch(d -> txAmount(d) != null);
        List<BankTransaction> out = new ArrayList<>();
        if (split) {
            for (Object d : details) {
                Object amt = txAmount(d);
                BigDecimal a = (BigDecimal) Props.get(amt, "Value");
                String c = Props.string(amt, "Ccy");
                a = a.abs();
                String bankRef = Props.string(d, "Refs", "AcctSvcrRef");
                out.add(new BankTransaction(credit ? a : a.negate(), c == null ? ccy : c, booking, value,
                        reference(List.of(d)), Props.string(d, "Refs", "EndToEndId"),
                        bankRef != null ? bankRef : entryRef, payerName(d, credit), payerAccount(d, credit),
                        text(List.of(d)), reversal));
            }
            return out;
        }
        Object first = details.isEmpty() ? null : details.get(0);
        String bankRef = first == null ? null : Props.string(first, "Refs", "AcctSvcrRef");
        out.add(new BankTransaction(credit ? amount : amount.negate(), ccy, booking, value, reference(details),
                first == null ? null : Props.string(first, "Refs", "EndToEndId"),
                bankRef != null ? bankRef : entryRef,
                first == null ? null : payerName(first, credit), first == null ? null : payerAccount(first, credit),
                text(details), reversal));
        return out;
    }

    /** The first of TxDtls/Amt, AmtDtls/TxAmt/Amt, AmtDtls/InstdAmt/Amt (the amount object), or null. */
    private static Object txAmount(Object d) {
        for (Object a : new Object[] {Props.get(d, "Amt"), Props.get(d, "AmtDtls", "TxAmt", "Amt"),
                Props.get(d, "AmtDtls", "InstdAmt", "Amt")}) {
            if (a != null && Props.get(a, "Value") != null) {
                return a;
            }
        }
        return null;
    }

    private static String reference(List<Object> details) {
        for (Object d : details) {
            for (Object rmt : Props.list(d, "RmtInf")) {
                for (Object strd : Props.list(rmt, "Strd")) {
                    String ref = Props.string(strd, "CdtrRefInf", "Ref");
                    if (ref != null) {
                        return ref;
                    }
                }
            }
        }
        return null;
    }

    private String text(List<Object> details) {
        List<String> lines = new ArrayList<>();
        for (Object d : details) {
            for (Object rmt : Props.list(d, "RmtInf")) {
                for (Object u : Props.list(rmt, "Ustrd")) {
                    String s = Props.blankToNull(String.valueOf(u));
                    if (s != null) {
                        lines.add(s);
                    }
                }
            }
        }
        if (!lines.isEmpty()) {
            return String.join(" ", lines);
        }
        for (Object d : details) {
            String add = Props.string(d, "AddtlTxInf");
            if (add != null) {
                return add;
            }
        }
        return Props.string(entry, "AddtlNtryInf");
    }

    private static String payerName(Object d, boolean credit) {
        Object party = Props.get(d, "RltdPties", credit ? "Dbtr" : "Cdtr");
        if (party == null) {
            return null;
        }
        String nm = Props.string(party, "Nm");
        return nm != null ? nm : Props.string(party, "Pty", "Nm");
    }

    private static String payerAccount(Object d, boolean credit) {
        Object acct = Props.get(d, "RltdPties", credit ? "DbtrAcct" : "CdtrAcct", "Id");
        if (acct == null) {
            return null;
        }
        String iban = Props.string(acct, "IBAN");
        return iban != null ? iban : Props.string(acct, "Othr", "Id");
    }

    /** A prowide DateAndDateTime choice (Dt or DtTm) as a date in the company's zone. */
    private LocalDate date(String element) {
        String raw = rawDateTimes.get(element);
        if (raw != null && !raw.isBlank()) {
            try {
                return parseDateOrDateTime(raw, zone);
            } catch (DateTimeParseException e) {
                throw reject.apply(element + "/DtTm is not a date-time: '" + raw.trim() + "'");
            }
        }
        Object choice = Props.get(entry, element);
        if (choice == null) {
            return null;
        }
        Object dt = Props.get(choice, "Dt");
        if (dt instanceof LocalDate d) {
            return d;
        }
        Object dtTm = Props.get(choice, "DtTm");
        if (dtTm instanceof OffsetDateTime o) {
            return CamtParser.toDate(o, zone);
        }
        if (dtTm instanceof LocalDateTime l) {
            return l.toLocalDate();
        }
        if (dt != null || dtTm != null) {
            Object v = dt != null ? dt : dtTm;
            return parseDateOrDateTime(v.toString(), zone);
        }
        return null;
    }

    /** {@code 2024-04-30}, {@code 2024-04-30T10:00:00} (as written) or with an offset (converted to the zone). */
    static LocalDate parseDateOrDateTime(String s, ZoneId zone) {
        String t = s.trim();
        if (t.length() == 10) {
            return LocalDate.parse(t);
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(zone).toLocalDate();
        }
        if (parsed instanceof LocalDateTime l) {
            return l.toLocalDate();
        }
        throw new DateTimeParseException("not a date", t, 0);
    }
}
