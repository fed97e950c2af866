package org.reskontro.common.batch;

import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Partitioned steps (docs/scaling.md). Every process gets {@link PartitionHandlers}; only a {@code manager} or a
 * {@code worker} (set by {@code reskontro serve --role}) declares the RabbitMQ queue and opens a connection to
 * the broker, so every other command runs without RabbitMQ.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartitioningProperties.class)
public class PartitioningConfiguration {

    @Bean
    PartitionHandlers partitionHandlers(PartitioningProperties properties, JobRepository jobRepository,
                                        ObjectProvider<MessageChannel> partitionRequests) {
        return new PartitionHandlers(properties, jobRepository,
                properties.remote() ? partitionRequests.getObject() : null);
    }

    /** The manager's side: partition requests to the queue, as text {@code <worker step> <step execution id>}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PartitioningProperties.ROLE, havingValue = PartitioningProperties.MANAGER)
    @EnableIntegration
    static class Manager {

        @Bean
        Queue partitionQueue(PartitioningProperties properties) {
            return new Queue(properties.queue(), true);
        }

        @Bean
        DirectChannel partitionRequests() {
            return new DirectChannel();
        }

        @Bean
        IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, AmqpTemplate amqp,
                                                  PartitioningProperties properties) {
            return IntegrationFlow.from(partitionRequests)
                    .transform(StepExecutionRequest.class, PartitionWorker::encode)
                    .handle(Amqp.outboundAdapter(amqp).exchangeName("").routingKey(properties.queue()))
                    .get();
        }
    }

    /** The worker's side: one partition at a time from the queue, acknowledged when it has finished. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = PartitioningProperties.ROLE, havingValue = PartitioningProperties.WORKER)
    @EnableIntegration
    static class Worker {

        @Bean
        Queue partitionQueue(PartitioningProperties properties) {
            return new Queue(properties.queue(), true);
        }

        @Bean
        PartitionWorker partitionWorker(JobRepository jobRepository, org.springframework.beans.factory.BeanFactory beans,
                                        java.time.Clock clock) {
            BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
            locator.setBeanFactory(beans);
            return new PartitionWorker(jobRepository, locator, clock);
        }

        @Bean
        IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory, PartitionWorker worker,
                                                    PartitioningProperties properties, Queue partitionQueue) {
            return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, partitionQueue)
                            .configureContainer(c -> c.prefetchCount(1).concurrentConsumers(1)
                                    .defaultRequeueRejected(false)))
                    .handle(String.class, (payload, headers) -> {
                        worker.handle(payload);
                        return null;
                    })
                    .get();
        }
    }
}
