package org.reskontro.operations.batch;

import java.time.Clock;
import java.time.Duration;

import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Attaches the {@link ProgressReporter} to every step of every job. */
@Configuration(proxyBeanMethods = false)
public class ProgressConfiguration {

    @Bean
    ProgressReporter progressReporter(Clock clock) {
        return new ProgressReporter(clock, Duration.ofSeconds(5), System.console() != null, System.err);
    }

    @Bean
    static BeanPostProcessor progressOnEveryStep(ObjectProvider<ProgressReporter> reporter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractStep step) {
                    step.registerStepExecutionListener(reporter.getObject());
                }
                return bean;
            }
        };
    }
}
