package org.reskontro.matching.jdbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads ahead on a thread of its own: calls {@code source} (null at the end) and hands what it returns over in
 * batches through a small bounded queue, so that reading (a page query and mapping the rows) runs beside what the
 * consumer does with the previous batch. A failure of the source is rethrown to the consumer; closing stops the
 * reading thread. The source must not depend on the consumer's transaction: it runs on another connection.
 */
public final class ReadAhead<T> implements AutoCloseable {

    private record Batch<T>(List<T> items, RuntimeException failure) {
    }

    private final BlockingQueue<Batch<T>> queue = new ArrayBlockingQueue<>(2);
    private final Thread reader;
    private final int batchSize;
    private volatile boolean closed;
    private Iterator<T> current = List.<T>of().iterator();
    private boolean ended;

    public ReadAhead(Supplier<T> source, int batchSize, String name) {
        this.batchSize = batchSize;
        this.reader = new Thread(() -> read(source), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Supplier<T> source) {
        try {
            List<T> batch = new ArrayList<>(batchSize);
            for (T t = source.get(); t != null; t = source.get()) {
                batch.add(t);
                if (batch.size() == batchSize) {
                    if (!hand(new Batch<>(batch, null))) {
                        return;
                    }
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty() && !hand(new Batch<>(batch, null))) {
                return;
            }
            hand(new Batch<>(List.of(), null));
        } catch (RuntimeException e) {
            hand(new Batch<>(List.of(), e));
        }
    }

    /** False when the consumer has closed (or the thread was interrupted): stop reading. */
    private boolean hand(Batch<T> b) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The next item, or null at the end. */
    public T next() {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            Batch<T> b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (b.failure() != null) {
                ended = true;
                throw b.failure();
            }
            if (b.items().isEmpty()) {
                ended = true;
                return null;
            }
            current = b.items().iterator();
        }
        return current.next();
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
