package io.dqmonitor.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A {@link Detector}'s learned state as bytes, in a format of its own version. */
final class DetectorState {

    private static final int FORMAT = 2;
    private static final int TIMES = 5;
    private static final int VALUES = 4;

    private DetectorState() {
    }

    static byte[] write(Detector.Learned learned) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(learned.models().length);
            for (SeasonalModel model : learned.models()) {
                model.writeTo(out);
            }
            learned.single().writeTo(out);
            learned.run().writeTo(out);
            for (long time : learned.times()) {
                out.writeLong(time);
            }
            for (double value : learned.values()) {
                out.writeDouble(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The state, if it was learned by models like {@code fresh} (as many, of the same seasons); empty otherwise. */
    static Optional<Detector.Learned> read(byte[] state, SeasonalModel[] fresh) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != FORMAT || in.readInt() != fresh.length) {
                return Optional.empty();
            }
            SeasonalModel[] models = new SeasonalModel[fresh.length];
            for (int i = 0; i < models.length; i++) {
                models[i] = SeasonalModel.readFrom(in);
                if (models[i].buckets() != fresh[i].buckets()) {
                    return Optional.empty();
                }
            }
            Rarity single = Rarity.readFrom(in);
            Rarity run = Rarity.readFrom(in);
            long[] times = new long[TIMES];
            for (int i = 0; i < TIMES; i++) {
                times[i] = in.readLong();
            }
            double[] values = new double[VALUES];
            for (int i = 0; i < VALUES; i++) {
                values[i] = in.readDouble();
            }
            return Optional.of(new Detector.Learned(models, single, run, times, values));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
