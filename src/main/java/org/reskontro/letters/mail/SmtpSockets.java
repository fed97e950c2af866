package org.reskontro.letters.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;

import javax.net.SocketFactory;

/**
 * Plain SMTP connections with Nagle's algorithm off. Jakarta Mail writes a message's last bytes (the terminating
 * {@code "\r\n.\r\n"}) as a small segment of their own, which Nagle holds until the server acknowledges the previous
 * one, and the server delays that acknowledgement (about 40 ms on Linux) because it has nothing to answer yet: every
 * message then costs about 45 ms, whatever its size. Measured over 127.0.0.1: 22 messages/s with the JDK's default
 * socket, several hundred with this one (docs/performance.md).
 */
public final class SmtpSockets {

    private SmtpSockets() {
    }

    /**
     * Makes {@code protocol} connections of a session with these properties use sockets without Nagle's algorithm.
     * Only plain {@code smtp} (STARTTLS included: Jakarta Mail wraps the same socket, and takes this factory for the
     * TLS layer only if it were an {@code SSLSocketFactory}); {@code smtps}, a socket factory configured by the
     * operator and connections through a proxy ({@code mail.smtp.proxy.host}, {@code mail.smtp.socks.host}) are left
     * alone.
     */
    public static void noDelay(Properties p, String protocol) {
        if ("smtp".equals(protocol) && !p.containsKey("mail.smtp.socketFactory")
                && !p.containsKey("mail.smtp.socketFactory.class") && !p.containsKey("mail.smtp.proxy.host")
                && !p.containsKey("mail.smtp.socks.host")) {
            p.put("mail.smtp.socketFactory", new NoDelay());
        }
    }

    /** The JDK's plain sockets, each with {@code TCP_NODELAY} set before it connects. */
    static final class NoDelay extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }
    }
}
