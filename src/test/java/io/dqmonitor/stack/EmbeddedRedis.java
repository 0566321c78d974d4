package io.dqmonitor.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

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

    /** Sends one command and returns the first line of the reply: {@code CLIENT PAUSE} and the like in fault tests. */
    public String command(String... arguments) throws IOException {
        StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (String argument : arguments) {
            request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(argument).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
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
