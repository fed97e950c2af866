package org.reskontro.operations.cli;

import java.util.concurrent.Callable;

import org.reskontro.operations.batch.JobRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro restart <execution>}: restarts a failed or stopped job from the step that failed. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restarts a failed or stopped job execution from the step where it stopped.")
class RestartCommand implements Callable<Integer> {

    private final Services services;

    @Parameters(paramLabel = "EXECUTION", description = "The execution id (see 'reskontro jobs').")
    long execution;

    @Spec
    CommandSpec spec;

    RestartCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        return Outcomes.report(services.bean(JobRunner.class).restart(execution), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
