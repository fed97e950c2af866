package org.reskontro.dunning.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CollectionExportTest {

    final CollectionExport.Claim claim = new CollectionExport.Claim("1", "Haugen \"& Sønn\", AS\\x\n", null, "Gate 1",
            "0150", "Oslo", "NO", null, "BUSINESS", "2024-1", LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 19), "NOK",
            new BigDecimal("100.00"), new BigDecimal("35.00"), new BigDecimal("1.50"),
            List.of("L1 2024-01-22", "L3 2024-02-10"), "tab\there\u0001");

    @Test
    void jsonStringsAreEscaped() {
        String json = CollectionExport.json(LocalDate.of(2024, 4, 30), List.of(claim));
        assertThat(json).contains("\"name\": \"Haugen \\\"& Sønn\\\", AS\\\\x\\n\"")
                .contains("\"orgNo\": null").contains("\"dispute\": \"tab\\there\\u0001\"")
                .contains("\"total\": 136.50")
                .contains("\"notices\": [{\"level\": 1, \"date\": \"2024-01-22\"}, {\"level\": 3, \"date\": \"2024-02-10\"}]");
        assertThat(CollectionExport.json(LocalDate.of(2024, 4, 30), List.of())).contains("\"claims\": []");
    }

    @Test
    void csvFieldsWithCommasQuotesAndNewlinesAreQuoted() {
        String csv = CollectionExport.csv(List.of(claim));
        assertThat(csv).contains("1,\"Haugen \"\"& Sønn\"\", AS\\x\n\",,Gate 1,");
    }
}
