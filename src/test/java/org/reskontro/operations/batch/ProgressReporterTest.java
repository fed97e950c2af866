package org.reskontro.operations.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class ProgressReporterTest {

    @Test
    void aLineShowsItemsRateAndTimeLeftWhenTheTotalIsKnown() {
        assertThat(ProgressReporter.line("matchStep", 120_000, 1_000_000, Duration.ofSeconds(4)))
                .isEqualTo("matchStep: 120000 of 1000000 items, 30000/s, about 29 s left");
        assertThat(ProgressReporter.line("importInboxStep", 500, -1, Duration.ofMillis(250)))
                .isEqualTo("importInboxStep: 500 items, 2000/s");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2024-04-30T02:30:10Z"), ZoneOffset.UTC);
        ProgressReporter reporter = new ProgressReporter(clock, Duration.ofSeconds(5), true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        StepExecution step = new StepExecution(7L, "matchStep",
                new JobExecution(1L, new JobInstance(1L, "nightlyJob"), new JobParameters()));
        step.setReadCount(50);
        step.getExecutionContext().putLong(ProgressReporter.TOTAL, 100);
        reporter.report(step, Instant.parse("2024-04-30T02:30:00Z"));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r\033[KmatchStep: 50 of 100 items, 5/s, about 10 s left");
    }
}
