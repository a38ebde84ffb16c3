package io.funnelstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker (KRaft, broker and controller in one node) per JVM, in-process, started on first use and
 * stopped by a shutdown hook. Its listener has a fixed port for the life of the JVM, so clients keep their
 * bootstrap address across {@link #stop()} and {@link #start()}: a stopped broker looks to them like a broker that
 * went down, and a started one like a broker that came back with its data.
 */
public final class KafkaTestBroker {

    private static final Logger log = LoggerFactory.getLogger(KafkaTestBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static @Nullable KafkaTestBroker shared;

    private final int port;
    private final KafkaClusterTestKit cluster;
    private boolean running = true;

    private KafkaTestBroker(int port, KafkaClusterTestKit cluster) {
        this.port = port;
        this.cluster = cluster;
    }

    /** The broker of this JVM, started if it is not yet (about 3 s the first time) or was stopped. */
    public static synchronized KafkaTestBroker shared() {
        KafkaTestBroker broker = shared;
        if (broker == null) {
            broker = launch();
            shared = broker;
        }
        broker.start();
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}; the same for the life of the JVM. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker, keeping its data and its controller: clients see it go down. No-op when stopped. */
    public synchronized void stop() {
        if (running) {
            BrokerServer broker = broker();
            broker.shutdown();
            broker.awaitShutdown();
            running = false;
        }
    }

    /** Starts a stopped broker on the same port with the same data and waits until it answers. */
    public synchronized void start() {
        if (!running) {
            broker().startup();
            running = true;
            awaitReady();
        }
    }

    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(props);
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka test broker does not answer", e);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /**
     * A broker that meets a fatal error (often a slow shutdown on a loaded machine) calls Kafka's {@code Exit}, which
     * would halt the whole test JVM and lose its results. As Kafka's own tests do, turn that into a logged error.
     */
    private static void neverExitTheTestJvm() {
        org.apache.kafka.common.utils.Exit.setExitProcedure((status, message) ->
                log.error("Kafka test broker asked to exit with status {}: {}", status, message));
        org.apache.kafka.common.utils.Exit.setHaltProcedure((status, message) ->
                log.error("Kafka test broker asked to halt with status {}: {}", status, message));
    }

    private static KafkaTestBroker launch() {
        neverExitTheTestJvm();
        int port = freePort();
        long started = System.nanoTime();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerConfig(port).forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(cluster), "kafka-test-broker-stop"));
            log.info("Kafka test broker up on port {} in {} ms", port,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new KafkaTestBroker(port, cluster);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Kafka test broker", e);
        }
    }

    private static Map<String, String> brokerConfig(int port) {
        return Map.of(
                "listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0",
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "num.partitions", "1",
                "auto.create.topics.enable", "false");
    }

    private static void close(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("Kafka test broker did not close cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
