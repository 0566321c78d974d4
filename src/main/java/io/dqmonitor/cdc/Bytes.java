package io.dqmonitor.cdc;

import java.nio.ByteBuffer;

/** Byte buffers as arrays, for the readers that need one. */
public final class Bytes {

    private Bytes() {
    }

    /** The buffer's remaining bytes: its whole array when that is exactly them, else a copy; the buffer is left as is. */
    public static byte[] of(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.limit() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
