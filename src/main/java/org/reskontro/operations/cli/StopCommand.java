package org.reskontro.operations.cli;

import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.springframework.batch.core.launch.JobOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro stop <execution>}: asks a running job to stop at its next commit. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Asks a running job execution to stop cleanly at the end of its current chunk.",
                "It ends STOPPED and can be restarted with 'reskontro restart'."})
class StopCommand implements Callable<Integer> {

    private final Services services;

    @Parameters(paramLabel = "EXECUTION", description = "The execution id (see 'reskontro jobs').")
    long execution;

    @Spec
    CommandSpec spec;

    StopCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        try {
            services.bean(JobOperator.class).stop(execution);
        } catch (Exception e) {
            throw new RejectedInputException("cannot stop execution " + execution + ": " + Cli.oneLine(e));
        }
        spec.commandLine().getOut().printf("Execution %d is stopping; it ends at its next commit.%n", execution);
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
