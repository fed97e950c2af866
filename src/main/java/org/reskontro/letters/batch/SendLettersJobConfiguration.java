package org.reskontro.letters.batch;

import java.time.Clock;

import org.reskontro.letters.mail.LetterSender;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code sendLettersJob}: one step, {@code sendLettersStep}, that delivers the due letters of the outbox.
 * The nightly job reuses the step bean. Each letter's state changes commit on their own (the sender uses
 * REQUIRES_NEW), so a failure in the middle never loses or doubles a letter, and the step can simply run again.
 */
@Configuration(proxyBeanMethods = false)
public class SendLettersJobConfiguration {

    public static final String JOB_NAME = "sendLettersJob";
    public static final String STEP_NAME = "sendLettersStep";

    @Bean
    Job sendLettersJob(JobRepository jobs, Step sendLettersStep) {
        return new JobBuilder(JOB_NAME, jobs).start(sendLettersStep).build();
    }

    @Bean
    Step sendLettersStep(JobRepository jobs, PlatformTransactionManager tx, LetterSender sender, Clock clock) {
        return new StepBuilder(STEP_NAME, jobs)
                .tasklet((contribution, context) -> {
                    LetterSender.Result r = sender.sendDue(clock.instant());
                    contribution.incrementWriteCount(r.sent() + r.printed() + r.bounced());
                    ExecutionContext ctx = context.getStepContext().getStepExecution().getExecutionContext();
                    ctx.putInt("sent", r.sent());
                    ctx.putInt("printed", r.printed());
                    ctx.putInt("bounced", r.bounced());
                    ctx.putInt("deferred", r.deferred());
                    ctx.putInt("failed", r.failed());
                    ctx.putInt("uncertain", r.uncertain());
                    ctx.putString("channel", r.channel());
                    ctx.putString("interrupted", String.valueOf(r.interrupted()));
                    return RepeatStatus.FINISHED;
                }, tx)
                .allowStartIfComplete(true)
                .build();
    }
}
