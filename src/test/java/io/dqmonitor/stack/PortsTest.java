package io.dqmonitor.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aTakenPortFailsWithTheServerAndTheOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "Redis", "--stack.redis-port"))
                    .hasMessage("Redis cannot start: port " + taken.getLocalPort() + " is already in use. "
                            + "Stop whatever listens there or choose another port with --stack.redis-port=<port>.");
        }
    }
}
