package io.dqmonitor.system;

import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.SharedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * dq-monitor on a random port against the shared embedded stack, with a {@link PipelineClient} per test. The
 * context is closed after its class, so the service stops before the stack does at JVM exit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
public abstract class StackIntegrationTest {

    protected static final EmbeddedStack STACK = SharedStack.get();

    @DynamicPropertySource
    static void pointAtTheStack(DynamicPropertyRegistry registry) {
        // the shipped settings otherwise, metadata.max.age.ms (new topics within 5 s) included
        STACK.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        // security on, as shipped: the tests' client authenticates as a user with every role
        TestUsers.of(TestUsers.TEST).declareIn(registry);
    }

    @LocalServerPort
    protected int port;

    protected PipelineClient client;

    @BeforeEach
    final void connectTheClient() throws Exception {
        client = new PipelineClient(port, STACK.connect());
    }

    @AfterEach
    final void closeTheClient() throws Exception {
        client.close();
    }
}
