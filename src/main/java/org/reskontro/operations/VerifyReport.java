package org.reskontro.operations;

import java.util.List;
import java.util.Map;

/** What {@code reskontro verify} found: how many rows each check looked at, and every problem. */
public record VerifyReport(Map<Problem.Check, Long> examined, List<Problem> problems) {

    public VerifyReport {
        examined = Map.copyOf(examined);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** The problems of one check. */
    public List<Problem> of(Problem.Check check) {
        return problems.stream().filter(p -> p.check() == check).toList();
    }
}
