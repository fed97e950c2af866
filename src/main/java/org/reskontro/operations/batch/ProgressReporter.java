package org.reskontro.operations.batch;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Shows how long steps are getting on. Every few seconds it logs a line per running step (items done, rate,
 * and the time left when the step has put its expected total under {@value #TOTAL} in its execution
 * context); on a terminal it redraws one progress line on stderr instead. Every step ends with a one-line
 * summary: read, written, skipped, filtered.
 */
public class ProgressReporter implements StepExecutionListener {

    /** The execution-context key under which a step may publish how many items it expects. */
    public static final String TOTAL = "progress.total";

    private static final Logger log = LoggerFactory.getLogger("org.reskontro.progress");

    private final Clock clock;
    private final Duration interval;
    private final boolean terminal;
    private final PrintStream console;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

    public ProgressReporter(Clock clock, Duration interval, boolean terminal, PrintStream console) {
        this.clock = clock;
        this.interval = interval;
        this.terminal = terminal;
        this.console = console;
    }

    @Override
    public void beforeStep(StepExecution step) {
        Instant start = clock.instant();
        long period = terminal ? 1000 : interval.toMillis();
        running.put(step.getId(), timer.scheduleAtFixedRate(() -> report(step, start), period, period,
                TimeUnit.MILLISECONDS));
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        ScheduledFuture<?> f = running.remove(step.getId());
        if (f != null) {
            f.cancel(false);
        }
        if (terminal) {
            console.print("\r\033[K");
            console.flush();
        }
        log.info("{} {}: read {}, written {}, skipped {}, filtered {}", step.getStepName(), step.getStatus(),
                step.getReadCount(), step.getWriteCount(), step.getSkipCount(), step.getFilterCount());
        return step.getExitStatus();
    }

    void report(StepExecution step, Instant start) {
        String line = line(step.getStepName(), step.getReadCount(), total(step),
                Duration.between(start, clock.instant()));
        if (terminal) {
            console.print("\r\033[K" + line);
            console.flush();
        } else {
            log.info(line);
        }
    }

    private static long total(StepExecution step) {
        return step.getExecutionContext().containsKey(TOTAL) ? step.getExecutionContext().getLong(TOTAL) : -1;
    }

    /** One progress line: {@code matchStep: 120 000 of 1 000 000 items, 31 250/s, about 28 s left}. */
    static String line(String stepName, long done, long total, Duration elapsed) {
        long millis = Math.max(1, elapsed.toMillis());
        long rate = done * 1000 / millis;
        StringBuilder sb = new StringBuilder(stepName).append(": ").append(done);
        if (total > 0) {
            sb.append(" of ").append(total);
        }
        sb.append(" items, ").append(rate).append("/s");
        if (total > 0 && rate > 0 && done < total) {
            sb.append(", about ").append((total - done) / rate).append(" s left");
        }
        return sb.toString();
    }
}
