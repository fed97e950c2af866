package org.reskontro.letters;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.reskontro.common.JsonText;

/** The letter's data as JSON, stored with the letter for audit and re-rendering. */
public final class LetterPayload {

    private LetterPayload() {
    }

    public static String json(DunningLetter l) {
        StringBuilder sb = new StringBuilder(512);
        sb.append('{');
        field(sb, "version", 1).append(',');
        field(sb, "customerNo", l.customerNo()).append(',');
        field(sb, "customerName", l.customerName()).append(',');
        sb.append("\"address\":");
        if (l.address() == null) {
            sb.append("null");
        } else {
            sb.append('{');
            field(sb, "street", l.address().street()).append(',');
            field(sb, "postalCode", l.address().postalCode()).append(',');
            field(sb, "city", l.address().city());
            sb.append('}');
        }
        sb.append(',');
        field(sb, "email", l.email()).append(',');
        field(sb, "language", l.language().code()).append(',');
        field(sb, "country", l.country() == null ? null : l.country().name()).append(',');
        field(sb, "customerType", l.customerType() == null ? null : l.customerType().name()).append(',');
        field(sb, "level", l.level()).append(',');
        field(sb, "template", l.template()).append(',');
        field(sb, "letterDate", l.letterDate()).append(',');
        field(sb, "paymentDeadline", l.paymentDeadline()).append(',');
        field(sb, "currency", l.currency()).append(',');
        sb.append("\"items\":[");
        for (int i = 0; i < l.items().size(); i++) {
            DunningLetter.Item it = l.items().get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            field(sb, "invoiceNo", it.invoiceNo()).append(',');
            field(sb, "issueDate", it.issueDate()).append(',');
            field(sb, "dueDate", it.dueDate()).append(',');
            field(sb, "paymentReference", it.paymentReference()).append(',');
            field(sb, "principalLeft", it.principalLeft()).append(',');
            field(sb, "fee", it.fee()).append(',');
            field(sb, "interest", it.interest()).append(',');
            field(sb, "level", it.level());
            sb.append('}');
        }
        sb.append("],\"interest\":");
        if (l.interest() == null) {
            sb.append("null");
        } else {
            sb.append('{');
            field(sb, "ratePercent", l.interest().ratePercent()).append(',');
            field(sb, "runsFrom", l.interest().runsFrom());
            sb.append('}');
        }
        sb.append(',');
        field(sb, "collectionWarning", l.collectionWarning()).append(',');
        field(sb, "channel", l.channel() == null ? null : l.channel().name()).append(',');
        field(sb, "total", l.total());
        return sb.append('}').toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, Object value) {
        sb.append('"').append(name).append("\":");
        if (value == null) {
            return sb.append("null");
        }
        if (value instanceof BigDecimal d) {
            return sb.append(d.toPlainString());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return sb.append(value);
        }
        if (value instanceof LocalDate) {
            return sb.append('"').append(value).append('"');
        }
        return quote(sb, value.toString());
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        return JsonText.appendHtmlSafe(sb, s);
    }
}
