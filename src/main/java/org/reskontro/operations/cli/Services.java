package org.reskontro.operations.cli;

import java.util.function.Supplier;

import org.reskontro.operations.boot.ReskontroApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application context, started only when a command first needs it: {@code --help} and {@code parse}
 * never start a database.
 */
public final class Services implements AutoCloseable {

    private final Supplier<ConfigurableApplicationContext> starter;
    private final boolean owned;
    private ConfigurableApplicationContext context;

    private Services(Supplier<ConfigurableApplicationContext> starter, boolean owned) {
        this.starter = starter;
        this.owned = owned;
    }

    /** Starts the Spring Boot application on first use and closes it at the end. */
    public static Services lazy() {
        return new Services(() -> new SpringApplicationBuilder(ReskontroApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(), true);
    }

    /** Uses a running context (tests); it is not closed here. */
    public static Services of(ConfigurableApplicationContext context) {
        return new Services(() -> context, false);
    }

    public synchronized <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public synchronized <T> T bean(String name, Class<T> type) {
        return context().getBean(name, type);
    }

    public synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            context = starter.get();
        }
        return context;
    }

    @Override
    public synchronized void close() {
        if (owned && context != null) {
            context.close();
        }
        context = null;
    }
}
