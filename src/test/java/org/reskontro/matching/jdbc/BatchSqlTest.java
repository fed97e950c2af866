package org.reskontro.matching.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class BatchSqlTest {

    @Test
    void inSlicesHandsEveryValueOnceInOrderInListsOfAtMostTheSliceSize() {
        List<Long> values = LongStream.rangeClosed(1, 2 * BatchSql.IN_SLICE + 7).boxed().toList();
        List<List<Long>> slices = new ArrayList<>();
        BatchSql.inSlices(values, slice -> slices.add(new ArrayList<>(slice)));
        assertEquals(List.of(BatchSql.IN_SLICE, BatchSql.IN_SLICE, 7), slices.stream().map(List::size).toList());
        assertEquals(values, slices.stream().flatMap(List::stream).toList());

        List<List<Long>> none = new ArrayList<>();
        BatchSql.inSlices(List.<Long>of(), none::add);
        assertEquals(0, none.size());
    }
}
