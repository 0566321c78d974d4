package io.dqmonitor.stack;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A Redis server of its own and a template connected to it, for store tests that need nothing else of the stack. */
public final class StandaloneRedis implements AutoCloseable {

    private final EmbeddedRedis server;
    private final LettuceConnectionFactory connections;
    private final StringRedisTemplate template;

    private StandaloneRedis(EmbeddedRedis server, LettuceConnectionFactory connections) {
        this.server = server;
        this.connections = connections;
        this.template = new StringRedisTemplate(connections);
    }

    public static StandaloneRedis start() throws Exception {
        EmbeddedRedis server = EmbeddedRedis.start(Ports.free());
        LettuceConnectionFactory connections =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        connections.afterPropertiesSet();
        connections.start();
        return new StandaloneRedis(server, connections);
    }

    public StringRedisTemplate template() {
        return template;
    }

    @Override
    public void close() throws Exception {
        connections.destroy();
        server.close();
    }
}
