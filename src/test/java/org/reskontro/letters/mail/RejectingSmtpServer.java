package org.reskontro.letters.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server for one test: it refuses recipients whose address starts with "bounce" with
 * {@code 550 5.1.1}, greylists those starting with "later" with {@code 451 4.7.1}, and accepts the rest.
 * GreenMail accepts every recipient, so it cannot show a permanent refusal. For a recipient starting with
 * "vanish" it takes the whole message and drops the connection before it replies (it has the letter; the client
 * cannot know).
 */
final class RejectingSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    final List<String> accepted = new CopyOnWriteArrayList<>();

    RejectingSmtpServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        reply(out, "220 fake ESMTP");
        String rcpt = null;
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.toUpperCase(Locale.ROOT);
            if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
                reply(out, "250 fake");
            } else if (cmd.startsWith("MAIL")) {
                reply(out, "250 2.1.0 OK");
            } else if (cmd.startsWith("RCPT")) {
                String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                if (address.startsWith("bounce")) {
                    reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                } else if (address.startsWith("later")) {
                    reply(out, "451 4.7.1 <" + address + ">: Greylisted, try again later");
                } else {
                    rcpt = address;
                    reply(out, "250 2.1.5 OK");
                }
            } else if (cmd.startsWith("DATA")) {
                reply(out, "354 go ahead");
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message
                }
                accepted.add(rcpt);
                if (rcpt != null && rcpt.startsWith("vanish")) {
                    return; // gone with the message, before the reply
                }
                reply(out, "250 2.0.0 queued");
            } else if (cmd.startsWith("RSET") || cmd.startsWith("NOOP")) {
                rcpt = null;
                reply(out, "250 OK");
            } else if (cmd.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
