package io.funnelstream.infra.provider.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server for the replies a real server is hard to make give: each command's reply is scripted by its
 * verb ({@code MAIL}, {@code RCPT}, {@code DATA-END} for the reply after the message); {@code silent} accepts
 * connections and never greets (a hung server).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, String> replies;
    private final boolean silent;
    private final AtomicInteger connections = new AtomicInteger();

    ScriptedSmtpServer(Map<String, String> replies, boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.replies = replies;
        this.silent = silent;
        Thread.ofVirtual().name("scripted-smtp").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            if (silent) {
                client.getInputStream().read();
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            reply(out, "220 scripted ESMTP");
            boolean inData = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (inData) {
                    if (line.equals(".")) {
                        inData = false;
                        reply(out, replies.getOrDefault("DATA-END", "250 2.0.0 queued"));
                    }
                    continue;
                }
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "DATA" -> {
                        String answer = replies.getOrDefault("DATA", "354 go ahead");
                        inData = answer.startsWith("354");
                        reply(out, answer);
                    }
                    default -> reply(out, replies.getOrDefault(verb, "250 ok"));
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
