package org.reskontro.operations.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Peak heap of one benchmark stage, measured two ways: a background thread samples the used heap every 10 ms
 * ({@link #sampledPeak}), and the heap memory pools' peak usage, reset at {@link #start}, summed over the pools
 * ({@link #poolPeak}; an upper bound, since the pools peak at different moments and garbage counts until
 * collected).
 */
public final class HeapMeter implements AutoCloseable {

    private final long cpuStart = processCpu();
    private volatile long sampled;
    private volatile boolean running = true;
    private final Thread thread;

    private HeapMeter() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
            }
        }
        sampled = used();
        thread = new Thread(() -> {
            while (running) {
                long u = used();
                if (u > sampled) {
                    sampled = u;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-meter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Collects garbage first, so the stage starts from its live set. */
    public static HeapMeter start() {
        System.gc();
        return new HeapMeter();
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public long sampledPeak() {
        return Math.max(sampled, used());
    }

    public long poolPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                MemoryUsage u = p.getPeakUsage();
                sum += u == null ? 0 : u.getUsed();
            }
        }
        return sum;
    }

    /** CPU seconds of this JVM (every thread, GC and JIT included) since {@link #start}; -1 when unknown. */
    public double cpuSeconds() {
        long now = processCpu();
        return now < 0 || cpuStart < 0 ? -1 : (now - cpuStart) / 1e9;
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
