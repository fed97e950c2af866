package org.reskontro.matching.batch;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.reskontro.common.CustomerRange;
import org.reskontro.common.batch.CustomerPartitions;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.MatchRouter;
import org.reskontro.matching.jdbc.MatchIndexLoader;
import org.reskontro.matching.jdbc.MatchRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits matching by customer: routes every OPEN transaction to the one customer its decision can touch
 * ({@link MatchRouter}; the others go to the serial {@code matchLeftoverStep}) and cuts the customers into
 * ranges holding about the same number of routed transactions. The routing and the ranges are kept (table
 * {@code match_route}, the step's execution context), so a restart continues the same split; only a new run
 * routes again.
 */
class MatchPartitioner implements Partitioner {

    static final String ROUTE_ID = "matchRouteId";
    private static final Logger LOG = LoggerFactory.getLogger(MatchPartitioner.class);

    private final JobRepository jobs;
    private final StepExecution manager;
    private final MatchIndexLoader loader;
    private final MatchRoutes routes;
    private final LocalDate date;
    private final RoutingIndexHandover handover;
    private final boolean local;

    /** {@code local}: the partitions run in this process (not on remote workers). */
    MatchPartitioner(JobRepository jobs, StepExecution manager, MatchIndexLoader loader, MatchRoutes routes,
                     LocalDate date, RoutingIndexHandover handover, boolean local) {
        this.jobs = jobs;
        this.manager = manager;
        this.loader = loader;
        this.routes = routes;
        this.date = date;
        this.handover = handover;
        this.local = local;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        ExecutionContext context = manager.getExecutionContext();
        if (!context.containsKey(ROUTE_ID)) {
            long t = System.nanoTime();
            long routeId = manager.getId();
            MatchIndex index = loader.load();
            long loaded = System.nanoTime();
            routes.route(routeId, date, index, new MatchRouter());
            List<CustomerRange> ranges = CustomerRange.balance(routes.countsByCustomer(routeId), gridSize);
            if (local && ranges.size() == 1) {
                handover.put(routeId, index);
            }
            context.putLong(ROUTE_ID, routeId);
            context.putString(CustomerPartitions.RANGES, CustomerPartitions.format(ranges));
            jobs.updateExecutionContext(manager);
            // the leftover step reads the routing from the job's context
            manager.getJobExecution().getExecutionContext().putLong(ROUTE_ID, routeId);
            jobs.updateExecutionContext(manager.getJobExecution());
            LOG.info("matching routed in {} ms (index load {} ms) into {} customer range(s): {}",
                    (System.nanoTime() - t) / 1_000_000, (loaded - t) / 1_000_000, ranges.size(),
                    CustomerPartitions.format(ranges));
        }
        return CustomerPartitions.contexts(CustomerPartitions.parse(context.getString(CustomerPartitions.RANGES)),
                Map.of(ROUTE_ID, context.getLong(ROUTE_ID)));
    }
}
