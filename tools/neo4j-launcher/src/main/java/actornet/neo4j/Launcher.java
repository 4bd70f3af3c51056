package actornet.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.CommunityBootstrapper;

/**
 * A local Neo4j 5 Community server: Bolt, HTTP and Neo4j Browser on 127.0.0.1 only.
 *
 * <pre>java -cp ... actornet.neo4j.Launcher HOME BOLT_PORT HTTP_PORT [PLUGINS_DIR]</pre>
 *
 * <p>It runs {@link CommunityBootstrapper}, the class the server tarball's {@code neo4j
 * console} runs, with the settings below instead of a {@code neo4j.conf}. The server's home
 * is {@code HOME/data} (store in {@code HOME/data/data}, logs in {@code HOME/data/logs}).
 * {@code HOME/password} (written by scripts/neo4j-local, never printed) holds the password
 * of user {@code neo4j}, set on every start. When both connectors are up, the launcher
 * writes {@code HOME/ready} ("BOLT_PORT HTTP_PORT", the bound ports). SIGTERM exits the
 * JVM; the bootstrapper's shutdown hook shuts the DBMS down cleanly and ours removes the
 * ready file. PLUGINS_DIR (GDS jars, {@code --gds}) becomes the server's plugins folder,
 * with {@code gds.*} procedures unrestricted.
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
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: Launcher HOME BOLT_PORT HTTP_PORT [PLUGINS_DIR]");
            System.exit(64);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        Path plugins = args.length == 4 ? Path.of(args[3]).toAbsolutePath() : null;
        String password = Files.readString(home.resolve("password"), StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            System.err.println("error: " + home.resolve("password") + " must hold 8+ characters");
            System.exit(64);
        }
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the pid check in scripts/neo4j-local covers a stale file
            }
        }, "actornet-ready-file"));

        CommunityBootstrapper server = new CommunityBootstrapper();
        Path serverHome = home.resolve("data");
        // no neo4j.conf: the settings below are the whole configuration; console mode (the
        // last argument false) sends the user log to stdout, scripts/neo4j-local's neo4j.log
        int code = server.start(serverHome, null, settings(boltPort, httpPort, plugins), false, false);
        if (code != 0) {
            System.err.println("neo4j-launcher: error: the server did not start (code " + code + ")");
            System.exit(code);
        }
        DatabaseManagementService dbms = server.getDatabaseManagementService();
        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);

        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = ((GraphDatabaseAPI) neo4j)
                .getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        int bolt = ports.getLocalAddress(ConnectorType.BOLT).getPort();
        int http = ports.getLocalAddress(ConnectorType.HTTP).getPort();
        Path tmp = home.resolve("ready.tmp");
        Files.writeString(tmp, bolt + " " + http + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("neo4j-launcher: Bolt on 127.0.0.1:" + bolt + ", Browser on http://127.0.0.1:" + http
                + "/browser/, store " + serverHome.resolve("data"));
        forever.await();
    }

    /** The server's settings (what a neo4j.conf would hold); every connector on loopback. */
    private static Map<String, String> settings(int boltPort, int httpPort, Path plugins) {
        Map<String, String> s = new HashMap<>();
        s.put("server.default_listen_address", "127.0.0.1");
        s.put("server.default_advertised_address", "127.0.0.1");
        s.put("server.bolt.enabled", "true");
        s.put("server.bolt.listen_address", "127.0.0.1:" + boltPort);
        s.put("server.bolt.advertised_address", "127.0.0.1:" + boltPort);
        s.put("server.bolt.tls_level", "DISABLED");
        s.put("server.http.enabled", "true");
        s.put("server.http.listen_address", "127.0.0.1:" + httpPort);
        s.put("server.http.advertised_address", "127.0.0.1:" + httpPort);
        s.put("server.https.enabled", "false");
        s.put("dbms.security.auth_enabled", "true");
        s.put("dbms.usage_report.enabled", "false");
        s.put("server.memory.pagecache.size", mebibytes("ACTORNET_NEO4J_PAGECACHE", 512));
        s.put("db.shutdown_transaction_end_timeout", "5s");
        // Neo4j keeps 2 days of transaction logs by default: a dozen benchmark runs left
        // 5 GiB in a few minutes. A local server needs only the newest files (recovery
        // reads from the last checkpoint on).
        s.put("db.tx_log.rotation.retention_policy", text("ACTORNET_NEO4J_TX_LOGS", "2 files"));
        if (plugins != null) {
            s.put("server.directories.plugins", plugins.toString());
            s.put("dbms.security.procedures.unrestricted", "gds.*");
        }
        return s;
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

    private static String mebibytes(String variable, long defaultMiB) {
        String value = System.getenv(variable);
        long mib = value == null || value.isBlank() ? defaultMiB : Long.parseLong(value.strip());
        return mib + "m";
    }
}
