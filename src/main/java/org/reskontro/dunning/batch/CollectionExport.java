package org.reskontro.dunning.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.common.AtomicFiles;
import org.reskontro.common.JsonText;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes the hand-over to the collection agency for one business date: {@code collection-<date>.csv} and
 * {@code .json} in the export folder, one entry per claim handed over that day, with the debtor, the amounts,
 * the dates of every notice sent and any dispute. Written to a temporary file and moved into place, so a rerun
 * replaces the files with the same content.
 */
public class CollectionExport {

    private final JdbcClient jdbc;
    private final Path folder;

    public CollectionExport(JdbcClient jdbc, Path folder) {
        this.jdbc = jdbc;
        this.folder = folder;
    }

    /** One claim handed over. */
    record Claim(String customerNo, String name, String orgNo, String address, String postalCode, String city,
                 String country, String email, String customerType, String invoiceNo, LocalDate issueDate,
                 LocalDate dueDate, String currency, BigDecimal principal, BigDecimal fees, BigDecimal interest,
                 List<String> notices, String dispute) {
        BigDecimal total() {
            return principal.add(fees).add(interest);
        }
    }

    /** Writes both files when claims were handed over that day; returns the number of claims. */
    public int write(LocalDate date) {
        List<Claim> claims = claims(date);
        if (claims.isEmpty()) {
            return 0; // no hand-over that day: no files
        }
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve("collection-" + date + ".csv"), csv(claims));
            AtomicFiles.write(folder.resolve("collection-" + date + ".json"), json(date, claims));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the collection export to " + folder + ": " + e.getMessage(), e);
        }
        return claims.size();
    }

    List<Claim> claims(LocalDate date) {
        Map<Long, List<String>> notices = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT h.invoice_id, h.level, h.business_date FROM dunning_history h
                 WHERE h.action = 'NOTICE' AND h.invoice_id IN (SELECT invoice_id FROM dunning_history
                                                               WHERE action = 'COLLECTION' AND business_date = ?)
                 ORDER BY h.invoice_id, h.business_date, h.level""")
                .param(Date.valueOf(date))
                .query(rs -> {
                    notices.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add("L" + rs.getInt(2) + " " + rs.getDate(3).toLocalDate());
                });
        return jdbc.sql("""
                SELECT i.id, c.customer_no, c.name, c.org_no, c.address, c.postal_code, c.city, c.country, c.email,
                       c.customer_type, i.invoice_no, i.issue_date, i.due_date, i.currency, i.principal_open,
                       i.fee_open, i.interest_open, COALESCE(i.hold_reason, c.hold_reason) AS dispute
                  FROM dunning_history h JOIN invoice i ON i.id = h.invoice_id JOIN customer c ON c.id = i.customer_id
                 WHERE h.action = 'COLLECTION' AND h.business_date = ?
                 ORDER BY c.customer_no, i.invoice_no""")
                .param(Date.valueOf(date))
                .query((rs, n) -> new Claim(rs.getString("customer_no"), rs.getString("name"), rs.getString("org_no"),
                        rs.getString("address"), rs.getString("postal_code"), rs.getString("city"),
                        rs.getString("country"), rs.getString("email"), rs.getString("customer_type"),
                        rs.getString("invoice_no"), rs.getDate("issue_date").toLocalDate(),
                        rs.getDate("due_date").toLocalDate(), rs.getString("currency"), rs.getBigDecimal("principal_open"),
                        rs.getBigDecimal("fee_open"), rs.getBigDecimal("interest_open"),
                        notices.getOrDefault(rs.getLong("id"), List.of()), rs.getString("dispute")))
                .list();
    }

    static String csv(List<Claim> claims) {
        StringBuilder sb = new StringBuilder("customer_no,name,org_no,address,postal_code,city,country,email,"
                + "customer_type,invoice_no,issue_date,due_date,currency,principal,fees,interest,total,notices,dispute\n");
        for (Claim c : claims) {
            List<String> f = List.of(c.customerNo(), c.name(), n(c.orgNo()), n(c.address()), n(c.postalCode()),
                    n(c.city()), c.country(), n(c.email()), c.customerType(), c.invoiceNo(), c.issueDate().toString(),
                    c.dueDate().toString(), c.currency(), c.principal().toPlainString(), c.fees().toPlainString(),
                    c.interest().toPlainString(), c.total().toPlainString(), String.join(";", c.notices()),
                    n(c.dispute()));
            for (int i = 0; i < f.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(csvField(f.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(LocalDate date, List<Claim> claims) {
        StringBuilder sb = new StringBuilder("{\n  \"businessDate\": \"" + date + "\",\n  \"claims\": [");
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {")
                    .append("\"debtor\": {\"customerNo\": ").append(str(c.customerNo()))
                    .append(", \"name\": ").append(str(c.name()))
                    .append(", \"orgNo\": ").append(str(c.orgNo()))
                    .append(", \"type\": ").append(str(c.customerType()))
                    .append(", \"address\": ").append(str(c.address()))
                    .append(", \"postalCode\": ").append(str(c.postalCode()))
                    .append(", \"city\": ").append(str(c.city()))
                    .append(", \"country\": ").append(str(c.country()))
                    .append(", \"email\": ").append(str(c.email())).append("}")
                    .append(", \"invoiceNo\": ").append(str(c.invoiceNo()))
                    .append(", \"issueDate\": ").append(str(c.issueDate().toString()))
                    .append(", \"dueDate\": ").append(str(c.dueDate().toString()))
                    .append(", \"currency\": ").append(str(c.currency()))
                    .append(", \"principal\": ").append(c.principal().toPlainString())
                    .append(", \"fees\": ").append(c.fees().toPlainString())
                    .append(", \"interest\": ").append(c.interest().toPlainString())
                    .append(", \"total\": ").append(c.total().toPlainString())
                    .append(", \"notices\": [");
            for (int j = 0; j < c.notices().size(); j++) {
                String[] parts = c.notices().get(j).split(" ");
                sb.append(j == 0 ? "" : ", ").append("{\"level\": ").append(parts[0].substring(1))
                        .append(", \"date\": ").append(str(parts[1])).append("}");
            }
            sb.append("], \"dispute\": ").append(str(c.dispute())).append("}");
        }
        sb.append(claims.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    /** A JSON string literal (or null), with quotes, backslashes and control characters escaped. */
    static String str(String s) {
        return JsonText.quote(s);
    }

    private static String csvField(String s) {
        return org.reskontro.common.Texts.csvField(s);
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

}
