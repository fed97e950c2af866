package org.reskontro.operations.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reskontro serve}: stays up and runs the nightly job on the configured cron expression. Any number of
 * instances may serve against one database: the database lock lets only one of them run a night.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Stays up and runs the nightly job on the cron expression reskontro.schedule.nightly-cron "
                + "(default 02:30 every day) in the configured time zone. Stop it with SIGTERM or Ctrl-C.",
                "Several instances may serve one database: only one runs each night (a lock in the database)."})
class ServeCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    ServeCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        ReskontroProperties properties = services.bean(ReskontroProperties.class);
        Clock clock = services.bean(Clock.class);
        String cron = properties.schedule().nightlyCron();
        CronExpression expression = CronExpression.parse(cron);
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("nightly-");
        scheduler.setClock(clock);
        scheduler.initialize();
        scheduler.schedule(() -> {
            LocalDate date = LocalDate.now(clock.withZone(properties.timeZone()));
            NightlyCommand.runNightly(services, date, spec);
        }, new CronTrigger(cron, properties.timeZone()));
        ZonedDateTime next = expression.next(ZonedDateTime.now(clock.withZone(properties.timeZone())));
        spec.commandLine().getOut().printf("reskontro serving: nightly job on '%s' (%s); next run %s%n", cron,
                properties.timeZone(), next);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-shutdown"));
        stopped.await();
        scheduler.shutdown();
        return Cli.OK;
    }
}
