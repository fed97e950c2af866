package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

import org.reskontro.common.RejectedInputException;
import picocli.CommandLine;

/**
 * Builds the command line and maps outcomes to the documented exit codes: 0 done, 1 a job failed,
 * 2 bad usage or rejected input. Errors are one readable line; the stack trace only with {@code --verbose}.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int REJECTED = 2;

    private Cli() {
    }

    public static CommandLine create(Services services) {
        CommandLine cl = new CommandLine(new ReskontroCommand(), new Factory(services));
        cl.setExitCodeExceptionMapper(e -> e instanceof RejectedInputException || e instanceof CommandLine.ParameterException
                ? REJECTED : JOB_FAILED);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("reskontro: " + oneLine(e));
            if (ReskontroCommand.verbose(parseResult)) {
                e.printStackTrace(err);
            }
            err.flush();
            return commandLine.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cl;
    }

    /** The message of the innermost exception that has one, on one line. */
    static String oneLine(Throwable e) {
        if (e instanceof RejectedInputException) {
            return e.getMessage();
        }
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        String text = message == null ? e.getClass().getSimpleName() : message;
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Gives commands that want it the {@link Services}. */
    private record Factory(Services services) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(Services.class);
                c.setAccessible(true);
                return c.newInstance(services);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
