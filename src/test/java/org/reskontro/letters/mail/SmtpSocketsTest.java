package org.reskontro.letters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;

import javax.net.SocketFactory;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** SMTP sessions get sockets without Nagle's algorithm, and mail still flows through them. */
class SmtpSocketsTest {

    @Test
    void plainSmtpSessionsConnectWithTcpNoDelay() throws Exception {
        Properties p = new Properties();
        SmtpSockets.noDelay(p, "smtp");
        SocketFactory factory = (SocketFactory) p.get("mail.smtp.socketFactory");
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            try (Socket s = factory.createSocket("127.0.0.1", server.getLocalPort())) {
                assertThat(s.getTcpNoDelay()).isTrue();
            }
            try (Socket s = factory.createSocket()) { // how Jakarta Mail asks for it with a connect timeout
                s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 2000);
                assertThat(s.getTcpNoDelay()).isTrue();
            }
        }
        try (Socket plain = SocketFactory.getDefault().createSocket()) {
            assertThat(plain.getTcpNoDelay()).as("the JDK's default, which the factory changes").isFalse();
        }
    }

    @Test
    void leavesSmtpsAnOperatorsOwnFactoryAndProxiesAlone() {
        Properties smtps = new Properties();
        SmtpSockets.noDelay(smtps, "smtps");
        assertThat(smtps).isEmpty();

        Properties own = new Properties();
        own.put("mail.smtp.socketFactory.class", "com.example.TheirFactory");
        SmtpSockets.noDelay(own, "smtp");
        assertThat(own).doesNotContainKey("mail.smtp.socketFactory");

        Properties proxied = new Properties();
        proxied.put("mail.smtp.socks.host", "proxy.example.no");
        SmtpSockets.noDelay(proxied, "smtp");
        assertThat(proxied).doesNotContainKey("mail.smtp.socketFactory");
    }

    @Test
    void theProductsSmtpGatewayUsesItAndDelivers() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            JavaMailSenderImpl impl = new JavaMailSenderImpl();
            impl.setHost("127.0.0.1");
            impl.setPort(smtp.getSmtp().getPort());
            MailGateway gateway = LettersMailConfiguration.gateways(impl, null).get();
            Session session = gateway.session();
            assertThat(session.getProperties().get("mail.smtp.socketFactory")).isInstanceOf(SmtpSockets.NoDelay.class);

            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("reskontro@example.no"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("kunde@example.no"));
            m.setSubject("Purring");
            m.setText("Hei");
            try (Transport t = session.getTransport("smtp")) {
                t.connect("127.0.0.1", smtp.getSmtp().getPort(), null, null);
                for (int i = 0; i < 3; i++) {
                    t.sendMessage(m, m.getAllRecipients());
                }
            }
            assertThat(smtp.getReceivedMessages()).hasSize(3);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Purring");
        } finally {
            smtp.stop();
        }
    }
}
