package org.reskontro.operations.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.reskontro.common.batch.PartitioningProperties;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reskontro serve}: stays up and runs the nightly job on the configured cron expression. Any number of
 * instances may serve against one database: the database lock lets only one of them run a night.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Stays up and runs the nightly job on the cron expression reskontro.schedule.nightly-cron "
                + "(default 02:30 every day) in the configured time zone. Stop it with SIGTERM or Ctrl-C.",
                "Several instances may serve one database: only one runs each night (a lock in the database).",
                "--role manager sends the partitions of matching and dunning to workers over RabbitMQ "
                        + "(spring.rabbitmq.*); --role worker runs no schedule, only the partitions it receives "
                        + "(docs/scaling.md)."})
class ServeCommand implements Callable<Integer> {

    /** What this process does: everything itself, or one side of remote partitioning. */
    enum Role { single, manager, worker }

    private final Services services;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "single (default: partitions on local threads), manager or worker")
    Role role = Role.single;

    @Spec
    CommandSpec spec;

    ServeCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (role != Role.single) {
            // read when the application context starts, which is right below
            System.setProperty(PartitioningProperties.ROLE, role.name());
        }
        if (role == Role.worker) {
            return work();
        }
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
        spec.commandLine().getOut().printf("reskontro serving%s: nightly job on '%s' (%s); next run %s%n",
                role == Role.manager ? " as manager (partitions to queue '"
                        + services.bean(PartitioningProperties.class).queue() + "')" : "", cron,
                properties.timeZone(), next);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-shutdown"));
        stopped.await();
        scheduler.shutdown();
        return Cli.OK;
    }

    /** A worker: starts the application (and with it the listener on the partition queue) and waits. */
    private Integer work() throws InterruptedException {
        PartitioningProperties partitioning = services.bean(PartitioningProperties.class);
        spec.commandLine().getOut().printf("reskontro worker: running the partitions sent to queue '%s'%n",
                partitioning.queue());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-shutdown"));
        stopped.await();
        return Cli.OK;
    }
}
