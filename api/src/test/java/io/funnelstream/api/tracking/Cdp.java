package io.funnelstream.api.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: no npm, no driver.
 * Launched with a fresh profile directory and the flags a sandbox-less container needs; {@link #close()} ends the
 * process and deletes the profile.
 */
final class Cdp implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

    private Cdp(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static Cdp launch(String userAgent) throws IOException {
        Path profile = Files.createTempDirectory("funnelstream-chromium-");
        Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
                "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--user-agent=" + userAgent,
                "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(active) || Files.readAllLines(active).size() < 2) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IOException("Chromium did not open its DevTools port: "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        List<String> lines = Files.readAllLines(active);
        URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        Listener listener = new Listener();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("cannot connect to Chromium's DevTools at " + uri, e);
        }
        Cdp cdp = new Cdp(process, profile, socket);
        listener.cdp = cdp;
        return cdp;
    }

    /** A new tab, attached with a flat session; returns the session id. */
    String newTab() {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).at("/targetId").asString();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .at("/sessionId").asString();
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
        return session;
    }

    /** Closes the tab of the session, as a person closing it would: the page's pagehide runs. */
    void closeTab(String session) {
        String target = call(session, "Target.getTargetInfo", Map.of()).at("/targetInfo/targetId").asString();
        call(null, "Target.closeTarget", Map.of("targetId", target));
    }

    /** Evaluates an expression in the page and returns its value (awaiting a promise). */
    JsonNode eval(String session, String expression) {
        JsonNode result = call(session, "Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw: " + result.at("/exceptionDetails"));
        }
        return result.at("/result/value");
    }

    /**
     * {@link #eval}, or empty when the page was between two documents: an evaluation that a navigation cut off
     * (the page submitted a form, say) is asked again rather than failed.
     */
    Optional<JsonNode> evalAcrossNavigation(String session, String expression) {
        try {
            return Optional.of(eval(session, expression));
        } catch (AssertionError e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("navigated or closed") || why.contains("Cannot find context")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Clicks the centre of the element the selector finds, with a real mouse press and release. */
    void click(String session, String selector) {
        JsonNode box = eval(session, "(() => { const r = document.querySelector('" + selector
                + "').getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call(session, "Input.dispatchMouseEvent", Map.of("type", type, "x", box.at("/x").asDouble(),
                    "y", box.at("/y").asDouble(), "button", "left", "clickCount", 1));
        }
    }

    /** Types text into the focused element, as a keyboard would. */
    void type(String session, String text) {
        call(session, "Input.insertText", Map.of("text", text));
    }

    void navigate(String session, String url) {
        call(session, "Page.navigate", Map.of("url", url));
    }

    JsonNode call(@Nullable String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            JsonNode reply = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw new AssertionError(method + " got no answer", e);
        }
    }

    private void received(String text) {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> call = calls.remove(message.get("id").asInt());
            if (call != null) {
                call.complete(message);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Chromium goes away anyway.
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        deleteProfile();
    }

    /** Best effort: a straggling helper process may still write for a moment. */
    private void deleteProfile() throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (var files = Files.walk(profile)) {
                List<Path> all = new ArrayList<>(files.toList());
                all.sort(Comparator.reverseOrder());
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        volatile @Nullable Cdp cdp;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                Cdp c = cdp;
                if (c != null) {
                    c.received(message);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
