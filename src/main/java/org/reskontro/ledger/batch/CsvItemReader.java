package org.reskontro.ledger.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.reskontro.common.CsvReader;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams a CSV file row by row, mapping each row to a value, and remembers in the step's execution
 * context how many rows were read so a restarted step continues where the last commit left off.
 */
class CsvItemReader<T> implements ItemStreamReader<T> {

    private static final String READ = "csv.rows.read";

    private final Path file;
    private final Function<CsvReader.Row, T> mapper;
    private CsvReader csv;
    private long read;

    CsvItemReader(Path file, Function<CsvReader.Row, T> mapper) {
        this.file = file;
        this.mapper = mapper;
    }

    @Override
    public void open(ExecutionContext context) {
        if (file == null) {
            return;
        }
        try {
            csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.getFileName().toString());
            long skip = context.getLong(READ, 0L);
            CsvReader.Row row;
            while (read < skip && (row = csv.next()) != null) {
                mapper.apply(row); // keeps stateful mappers (occurrence counters) in step with a first run
                read++;
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T read() {
        if (csv == null) {
            return null;
        }
        try {
            CsvReader.Row row = csv.next();
            if (row == null) {
                return null;
            }
            read++;
            return mapper.apply(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(READ, read);
    }

    @Override
    public void close() {
        if (csv != null) {
            try {
                csv.close();
            } catch (IOException e) {
                throw new ItemStreamException(e);
            }
            csv = null;
        }
    }
}
