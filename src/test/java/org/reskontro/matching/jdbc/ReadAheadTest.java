package org.reskontro.matching.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class ReadAheadTest {

    /** 1, 2, ..., n, then null; notes the thread it is read on. */
    static Supplier<Integer> upTo(int n, AtomicInteger read, AtomicReference<String> thread) {
        return () -> {
            thread.set(Thread.currentThread().getName());
            int i = read.incrementAndGet();
            return i <= n ? i : null;
        };
    }

    @Test
    void everyItemArrivesOnceInOrderReadOnAThreadOfItsOwn() {
        AtomicReference<String> thread = new AtomicReference<>();
        List<Integer> got = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(upTo(2_503, new AtomicInteger(), thread), 100, "reader")) {
            for (Integer i = ahead.next(); i != null; i = ahead.next()) {
                got.add(i);
            }
            assertThat(ahead.next()).as("the end stays the end").isNull();
        }
        assertThat(got).hasSize(2_503);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).isEqualTo(i + 1);
        }
        assertThat(thread.get()).isEqualTo("reader");
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerAfterWhatWasReadBeforeIt() {
        AtomicInteger n = new AtomicInteger();
        Supplier<Integer> failing = () -> {
            int i = n.incrementAndGet();
            if (i > 5) {
                throw new IllegalStateException("the connection was closed");
            }
            return i;
        };
        try (ReadAhead<Integer> ahead = new ReadAhead<>(failing, 2, "reader")) {
            List<Integer> got = new ArrayList<>();
            assertThatThrownBy(() -> {
                for (Integer i = ahead.next(); i != null; i = ahead.next()) {
                    got.add(i);
                }
            }).hasMessage("the connection was closed");
            assertThat(got).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void closingEarlyStopsTheReader() throws Exception {
        AtomicInteger read = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        ReadAhead<Integer> ahead = new ReadAhead<>(upTo(Integer.MAX_VALUE - 1, read, thread), 10, "reader");
        assertThat(ahead.next()).isEqualTo(1);
        ahead.close();
        int after = read.get();
        Thread.sleep(200);
        assertThat(read.get()).as("nothing read after the close").isEqualTo(after).isLessThan(100);
    }
}
