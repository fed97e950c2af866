package org.reskontro.operations.batch;

import java.time.Clock;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires job starting and job history. */
@Configuration(proxyBeanMethods = false)
public class OperationsBatchConfiguration {

    @Bean
    JobRunner jobRunner(JobOperator operator, JobRepository repository) {
        return new JobRunner(operator, repository);
    }

    @Bean
    JobHistory jobHistory(JdbcClient jdbc, Clock clock) {
        return new JobHistory(jdbc, clock);
    }
}
