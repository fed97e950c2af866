package org.reskontro.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.reskontro.matching.Decision;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.MatchPolicy;
import org.reskontro.matching.Matcher;
import org.reskontro.matching.SyntheticLedger;

/**
 * The matching rules: {@link Matcher#decide} over the synthetic ledger's payments (the benchmark's noise mix), one
 * payment per call, against the index of all its open invoices (the index is not changed by deciding).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MatchingBenchmark {

    @Param({"20000"})
    int invoices;

    MatchIndex index;
    List<SyntheticLedger.Payment> payments;
    final Matcher matcher = new Matcher(MatchPolicy.DEFAULT);
    int i;

    @Setup
    public void setUp() {
        SyntheticLedger l = SyntheticLedger.generate(invoices, 42);
        index = l.index();
        payments = l.payments();
    }

    @Benchmark
    public Decision decide() {
        return matcher.decide(payments.get(i++ % payments.size()).tx(), index);
    }
}
