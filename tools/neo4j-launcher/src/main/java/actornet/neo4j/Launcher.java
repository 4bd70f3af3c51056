package actornet.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A local Neo4j 5 Community DBMS with a Bolt connector on 127.0.0.1 only.
 *
 * <pre>java -cp ... actornet.neo4j.Launcher HOME PORT</pre>
 *
 * <p>HOME holds the store ({@code HOME/data}), the logs, and the file {@code HOME/password}
 * (written by scripts/neo4j-local, never printed): the password of user {@code neo4j} is set
 * from it on every start. When Bolt is up, the launcher writes {@code HOME/ready} (the bound
 * port); on SIGTERM it shuts the DBMS down cleanly and removes that file.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) { // never linger half-started: scripts/neo4j-local waits on us
            e.printStackTrace();
            System.err.println("neo4j-launcher: error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME PORT");
            System.exit(64);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = Files.readString(home.resolve("password"), StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            System.err.println("error: " + home.resolve("password") + " must hold 8+ characters");
            System.exit(64);
        }
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.resolve("data"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, memory("ACTORNET_NEO4J_PAGECACHE", 256))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // Neo4j keeps 2 days of transaction logs by default: a dozen benchmark runs
                // left 5 GiB in a few minutes. A local server needs only the newest files
                // (recovery reads from the last checkpoint on).
                .setConfig(GraphDatabaseSettings.keep_logical_logs, text("ACTORNET_NEO4J_TX_LOGS", "2 files"))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the pid check in scripts/neo4j-local covers a stale file
            }
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);

        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int bound = ((GraphDatabaseAPI) neo4j)
                .getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
        Path tmp = home.resolve("ready.tmp");
        Files.writeString(tmp, Integer.toString(bound) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("neo4j-launcher: Bolt on 127.0.0.1:" + bound + ", store " + home.resolve("data"));
        stopped.await();
    }

    /** The password of user neo4j, from HOME/password; a restart with the same one is fine. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static String text(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static long memory(String variable, long defaultMiB) {
        String value = System.getenv(variable);
        long mib = value == null || value.isBlank() ? defaultMiB : Long.parseLong(value.strip());
        return mib * 1024L * 1024L;
    }
}
