package io.dqmonitor.stack;

import java.io.IOException;

import redis.embedded.RedisServer;

/** A real Redis server, from the binary that {@code com.github.codemonstur:embedded-redis} ships in its jar. */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    public static EmbeddedRedis start(int port) throws IOException {
        EmbeddedRedis redis = new EmbeddedRedis(port);
        redis.restart();
        return redis;
    }

    /** Starts the server again on the same port (empty: it keeps nothing on disk), for outage tests. */
    public synchronized void restart() throws IOException {
        server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                // a safety net for a JVM that exits without closing the stack
                .onShutdownForceStop(true)
                .build();
        server.start();
    }

    /** Stops the server, as an outage would; {@link #restart()} brings it back. */
    public synchronized void stop() throws IOException {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
