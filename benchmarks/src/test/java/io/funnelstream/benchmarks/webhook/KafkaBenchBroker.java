package io.funnelstream.benchmarks.webhook;

import io.funnelstream.infra.kafka.KafkaEventLogSettings;
import io.funnelstream.testkit.KafkaTestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node KRaft broker (the testkit's) for the production-profile benchmark, run beside the service: creates
 * the event log's topic, writes {@code host:port} to {@code out=} once the broker is ready, then serves until the
 * process is stopped (a shutdown hook closes the broker and deletes its data).
 *
 * <pre>{@code java -cp benchmarks/target/test-classes:... io.funnelstream.benchmarks.webhook.KafkaBenchBroker
 *     out=<file for bootstrap servers> [partitions=8]}</pre>
 */
public final class KafkaBenchBroker {

    private KafkaBenchBroker() {}

    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException,
            TimeoutException {
        Arguments a = Arguments.parse(args, Set.of("out", "partitions"));
        Path out = Path.of(a.required("out"));
        int partitions = a.integer("partitions", 8);
        KafkaTestBroker broker = KafkaTestBroker.shared();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(KafkaEventLogSettings.TOPIC, partitions, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
        }
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".bootstrap", ".tmp");
        Files.writeString(tmp, broker.bootstrapServers(), StandardCharsets.UTF_8);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("kafka " + broker.bootstrapServers() + ", topic " + KafkaEventLogSettings.TOPIC + " with "
                + partitions + " partitions; stop this process to stop the broker");
        new CountDownLatch(1).await();
    }
}
