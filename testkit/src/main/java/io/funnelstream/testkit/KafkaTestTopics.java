package io.funnelstream.testkit;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a test class the shared {@link KafkaTestBroker} and topic and group names of its own. Register it as a
 * static field: {@code @RegisterExtension static final KafkaTestTopics kafka = new KafkaTestTopics();}. Before
 * the class, the broker is started (again, if an earlier class stopped it); after it, the class's topics are
 * deleted.
 */
public final class KafkaTestTopics implements BeforeAllCallback, AfterAllCallback {

    private static final Logger log = LoggerFactory.getLogger(KafkaTestTopics.class);

    private @Nullable String prefix;
    private @Nullable KafkaTestBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaTestBroker.shared();
        String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        prefix = "it." + owner + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String mine = prefix();
        try (Admin admin = KafkaTestBroker.shared().admin()) {
            Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(mine))
                    .collect(Collectors.toSet());
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.warn("could not delete the topics of {}", mine, e);
        }
    }

    /** A topic name unique to this test class, e.g. {@code it.myclasstests.1a2b3c4d.events}. */
    public String topic(String name) {
        return prefix() + "." + name;
    }

    /** A consumer group name unique to this test class. */
    public String group(String name) {
        return prefix() + ".group." + name;
    }

    /** The shared broker, as it is: a test that stops it may start it again; the next class finds it started. */
    public KafkaTestBroker broker() {
        KafkaTestBroker b = broker;
        if (b == null) {
            throw new IllegalStateException("KafkaTestTopics must be a static @RegisterExtension field");
        }
        return b;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    private String prefix() {
        String p = prefix;
        if (p == null) {
            throw new IllegalStateException("KafkaTestTopics must be a static @RegisterExtension field");
        }
        return p;
    }
}
