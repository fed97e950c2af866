package org.reskontro.support;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.reskontro.operations.cli.Cli;
import org.reskontro.operations.cli.Services;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** Runs reskontro commands in-process against a test's application context and captures what they print. */
public final class CliRunner {

    private final ConfigurableApplicationContext context;

    public CliRunner(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** What a command printed and its exit code. */
    public record Result(int exitCode, String out, String err) {
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.create(Services.of(context));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
