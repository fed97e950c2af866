package org.reskontro.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code reskontro parse} runs without an application context: Services has none to give. */
class ParseCommandTest {

    record Result(int code, String out, String err) {
    }

    static Result parse(String... args) {
        CommandLine cl = Cli.create(Services.of(null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "parse";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsTheJsonContract() {
        Result r = parse("src/test/resources/bankfiles/camt053-day1.xml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"format\":\"camt.053.001.08\",\"statements\":[")
                .contains("{\"amount\":\"1500.00\",\"currency\":\"NOK\",\"bookingDate\":\"2024-04-29\","
                        + "\"valueDate\":\"2024-04-29\",\"reference\":\"1000100000008\",\"endToEndId\":\"E2E-1\","
                        + "\"bankReference\":\"A1\",\"payerName\":\"Byggmester Hansen AS\",\"payerAccount\":\"12345678903\","
                        + "\"text\":\"Faktura 2024-002\",\"reversal\":false}")
                .contains("\"id\":\"STMT-20240429\",\"account\":\"NO9615032080119\",\"currency\":\"NOK\","
                        + "\"openingBalance\":\"1000.00\",\"closingBalance\":\"2750.00\"}");
    }

    @Test
    void anUnbalancedStatementIsReportedWithAWarningOnStderr() {
        Result r = parse("src/test/resources/bankfiles/camt053-unbalanced.xml");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: camt053-unbalanced.xml: statement STMT-UNBALANCED");
        assertThat(r.out()).contains("\"closingBalance\":\"2700.00\"");
    }

    @Test
    void aRejectedFilePrintsOneLineOnStderrAndNothingOnStdout() {
        for (String f : new String[] {"xxe.xml", "billion-laughs.xml"}) {
            Result r = parse("src/test/resources/bankfiles/" + f);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().trim()).isEqualTo("reskontro: " + f + ": a DTD or entity is not allowed in a bank file");
        }
        Result missing = parse("no/such/file.xml");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("file not found").doesNotContain("Exception");
    }
}
