package io.dqmonitor.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for the embedded stack. */
public final class Ports {

    private Ports() {
    }

    /** A port the OS calls free right now. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on the loopback interface", e);
        }
    }

    /** Fails with a message naming the server and the option to change when the port is already taken. */
    static void requireFree(int port, String server, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException(server + " cannot start: port " + port + " is already in use. "
                    + "Stop whatever listens there or choose another port with " + option + "=<port>.");
        }
    }
}
