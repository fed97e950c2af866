package org.reskontro.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What must be the same after any run of the nightly work, however it was run (killed and restarted, on one
 * thread or partitioned over processes): the ledger, the matching and the letters, as a multiset of rows compared by
 * content, not by generated ids (a rolled-back insert leaves a gap in an auto-increment column, and partitions
 * insert in any order).
 */
public final class LedgerFingerprint {

    private LedgerFingerprint() {
    }

    public static Map<String, Integer> of(Connection c) {
        Map<String, Integer> rows = new TreeMap<>();
        collect(c, rows, "posting", """
                SELECT CONCAT(cu.customer_no, ' ', p.type, ' ', p.amount, ' ', p.posting_date, ' ',
                              COALESCE(i.invoice_no, '-'), ' ', COALESCE(p.document_no, '-'))
                  FROM posting p JOIN customer cu ON cu.id = p.customer_id
                  LEFT JOIN invoice i ON i.id = p.invoice_id""");
        collect(c, rows, "allocation", """
                SELECT CONCAT(i.invoice_no, ' ', a.component, ' ', a.amount, ' by ', p.type, ' ', p.amount, ' ',
                              p.posting_date, ' ', COALESCE(p.document_no, '-'))
                  FROM allocation a JOIN invoice i ON i.id = a.invoice_id JOIN posting p ON p.id = a.posting_id""");
        collect(c, rows, "invoice", "SELECT CONCAT(invoice_no, ' ', status, ' ', principal_open, ' ', fee_open, ' ', "
                + "interest_open, ' ', dunning_level) FROM invoice");
        collect(c, rows, "bank_tx", "SELECT CONCAT(tx_key, ' ', amount, ' ', match_status, ' ', "
                + "COALESCE(match_rule, '-')) FROM bank_transaction");
        collect(c, rows, "bank_file", "SELECT CONCAT(sha256, ' ', file_name, ' ', status) FROM bank_file");
        collect(c, rows, "letter", """
                SELECT CONCAT(cu.customer_no, ' L', COALESCE(l.level, 0), ' ', l.business_date, ' ', l.channel, ' ',
                              l.status) FROM letter l JOIN customer cu ON cu.id = l.customer_id""");
        return rows;
    }

    private static void collect(Connection c, Map<String, Integer> rows, String table, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.merge(table + ": " + rs.getString(1), 1, Integer::sum);
            }
        } catch (SQLException e) {
            rows.merge(table + ": <error> " + e.getMessage(), 1, Integer::sum);
        }
    }

    /** The rows that differ, as readable lines; empty when both are the same. */
    public static List<String> diff(Map<String, Integer> expected, Map<String, Integer> actual) {
        List<String> d = new ArrayList<>();
        compare("", expected, actual, d);
        return d;
    }

    public static void compare(String what, Map<String, Integer> expected, Map<String, Integer> actual, List<String> d) {
        for (var e : expected.entrySet()) {
            int n = actual.getOrDefault(e.getKey(), 0);
            if (n != e.getValue()) {
                d.add(what + e.getKey() + ": expected " + e.getValue() + "x but was " + n + "x");
            }
        }
        for (var e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                d.add(what + e.getKey() + ": unexpected " + e.getValue() + "x");
            }
        }
    }
}
