package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.reskontro.support.CliRunner;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link DunningRestartTest} with customers grouped per transaction (the default): a crash while storing one
 * customer's letter rolls back its whole group, nothing of it is half-written, and the restarted run leaves the
 * same ledger as a run that never crashed.
 */
@TestPropertySource(properties = "reskontro.dunning.customers-per-transaction=100")
class DunningGroupedRestartTest extends DunningRestartTest {

    @Test
    @Override
    void aCrashedRunRestartedLeavesTheSameLedgerAsAnUninterruptedOne() {
        importSample();
        CliRunner.Result clean = cli.run("dunning", "--date", "2024-04-30");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        String expected = snapshot();
        assertThat(db.count("dunning_history")).isPositive();

        importSample();
        String before = snapshot();
        CRASH_AT.set("10010");
        CliRunner.Result crashed = cli.run("dunning", "--date", "2024-04-30");
        assertThat(crashed.exitCode()).isEqualTo(1);
        assertThat(crashed.err()).contains("simulated crash");
        // the sample's 30 customers are one group: the crash rolled all of it back, the customers before 10010 too
        assertThat(db.count("dunning_history")).isZero();
        assertThat(db.count("letter")).isZero();
        assertThat(snapshot()).isEqualTo(before);

        CRASH_AT.set(null);
        CliRunner.Result again = cli.run("dunning", "--date", "2024-04-30");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(snapshot()).isEqualTo(expected);
    }
}
