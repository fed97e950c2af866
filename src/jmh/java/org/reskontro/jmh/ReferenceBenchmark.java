package org.reskontro.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.reskontro.common.CheckDigits;
import org.reskontro.ledger.PaymentReferences;

/** Reference validation: every imported transaction's reference is checked once. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReferenceBenchmark {

    // a KID MOD10, a KID MOD11, a Swedish OCR with length digit, an RF reference, and a mistyped one
    final String[] refs = {"1000100000008", "00010001000000038", "000100190000000375", "RF712348231", "1000100000009"};
    int i;

    @Benchmark
    public Object check() {
        return PaymentReferences.check(refs[i++ % refs.length]);
    }

    @Benchmark
    public boolean luhn() {
        return CheckDigits.isLuhn("1000100000008");
    }

    @Benchmark
    public boolean mod11() {
        return CheckDigits.isMod11("00010001000000038");
    }

    @Benchmark
    public boolean rf() {
        return CheckDigits.isRf("RF712348231");
    }
}
