package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.dunning.jdbc.DunningSnapshots;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** The snapshot read in pages of customers is the same whatever the page size, in customer order. */
@IntegrationTest
class DunningSnapshotsTest {

    static final LocalDate DATE = LocalDate.of(2024, 4, 30);

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void setUp() {
        db.reset();
        CliRunner.Result r = new CliRunner(context).run("import-ledger", "--customers", "sample-data/customers.csv",
                "--invoices", "sample-data/invoices.csv", "--payments", "sample-data/payments.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void everyPageSizeReadsTheSameSnapshotsInCustomerOrder() {
        List<CustomerSnapshot> whole = read(10_000);
        assertThat(whole).hasSizeGreaterThan(5);
        assertThat(whole).extracting(CustomerSnapshot::customerId).isSorted().doesNotHaveDuplicates();
        for (int page : new int[] {1, 2, 3, 7}) {
            assertThat(read(page)).as("pages of %d customers", page).isEqualTo(whole);
        }
        // the same as reading each customer again under its lock
        DunningSnapshots snapshots = new DunningSnapshots(dataSource, 3);
        for (CustomerSnapshot c : whole) {
            assertThat(snapshots.one(c.customerId(), DATE)).isEqualTo(c);
        }
        assertThat(snapshots.of(whole.stream().map(CustomerSnapshot::customerId).toList(), DATE).values())
                .containsExactlyInAnyOrderElementsOf(whole);
    }

    @Test
    void aFailingConsumerStopsTheReader() {
        DunningSnapshots snapshots = new DunningSnapshots(dataSource, 1);
        List<CustomerSnapshot> seen = new ArrayList<>();
        assertThatThrownBy(() -> snapshots.forEach(DATE, c -> {
            seen.add(c);
            if (seen.size() == 2) {
                throw new IllegalStateException("stop");
            }
        })).hasMessage("stop");
        assertThat(seen).hasSize(2);
        // and a new read works (no reader left holding anything)
        assertThat(read(2)).hasSameSizeAs(read(10_000));
    }

    private List<CustomerSnapshot> read(int pageCustomers) {
        List<CustomerSnapshot> out = new ArrayList<>();
        new DunningSnapshots(dataSource, pageCustomers).forEach(DATE, out::add);
        return out;
    }
}
