package org.reskontro.common.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.common.CustomerRange;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The customer ranges of a partitioned step as Spring Batch partitions: {@code partition0}, {@code partition1}, ...
 * each with {@code minCustomer} and {@code maxCustomer} in its execution context, where the worker step's
 * step-scoped beans read them ({@code #{stepExecutionContext['minCustomer']}}). The ranges are also kept as one
 * string in the manager step's context, so a restart splits exactly as the run it continues.
 */
public final class CustomerPartitions {

    public static final String MIN = "minCustomer";
    public static final String MAX = "maxCustomer";
    public static final String RANGES = "customerRanges";

    private CustomerPartitions() {
    }

    public static Map<String, ExecutionContext> contexts(List<CustomerRange> ranges, Map<String, Object> common) {
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            ExecutionContext c = new ExecutionContext();
            c.putLong(MIN, ranges.get(i).min());
            c.putLong(MAX, ranges.get(i).max());
            common.forEach(c::put);
            contexts.put("partition" + i, c);
        }
        return contexts;
    }

    public static String format(List<CustomerRange> ranges) {
        StringBuilder sb = new StringBuilder();
        for (CustomerRange r : ranges) {
            sb.append(sb.isEmpty() ? "" : ";").append(r.min()).append(',').append(r.max());
        }
        return sb.toString();
    }

    public static List<CustomerRange> parse(String s) {
        List<CustomerRange> ranges = new ArrayList<>();
        for (String part : s.split(";")) {
            String[] ends = part.split(",");
            ranges.add(new CustomerRange(Long.parseLong(ends[0]), Long.parseLong(ends[1])));
        }
        return ranges;
    }

    /** The range of a partition's step execution context. */
    public static CustomerRange of(ExecutionContext context) {
        return new CustomerRange(context.getLong(MIN), context.getLong(MAX));
    }
}
