package io.dqmonitor.stack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One realistic row of {@code public.user_activities}: a login, logout, purchase or profile update; a bad row breaks
 * exactly one rule of the shipped rule set. The simulator and the benchmarks write the same rows.
 */
public record ActivityRow(Long userId, String type, BigDecimal amount, String email, String details) {

    public static final String INSERT = "INSERT INTO public.user_activities (user_id, activity_type, amount, email, details) "
            + "VALUES (?, ?, ?, ?, ?::jsonb)";
    /** Parameters: the new email, how many ids below the newest the row is. */
    public static final String UPDATE_RECENT = "UPDATE public.user_activities SET email = ? "
            + "WHERE id = (SELECT max(id) - ? FROM public.user_activities)";
    /** Parameter: how many ids below the newest the row is. */
    public static final String DELETE_RECENT = "DELETE FROM public.user_activities "
            + "WHERE id = (SELECT max(id) - ? FROM public.user_activities)";

    /** The simulator's statements in one database's dialect. */
    public record Sql(String insert, String updateRecent, String deleteRecent) {

        public static final Sql POSTGRES = new Sql(INSERT, UPDATE_RECENT, DELETE_RECENT);
        /** MariaDB/MySQL: no cast, and the newest id read through a derived table (a subquery may not name it). */
        public static final Sql MARIADB = new Sql(
                "INSERT INTO user_activities (user_id, activity_type, amount, email, details) VALUES (?, ?, ?, ?, ?)",
                "UPDATE user_activities SET email = ? WHERE id = "
                        + "(SELECT newest FROM (SELECT max(id) - ? AS newest FROM user_activities) AS n)",
                "DELETE FROM user_activities WHERE id = "
                        + "(SELECT newest FROM (SELECT max(id) - ? AS newest FROM user_activities) AS n)");
    }

    private static final List<String> TYPES = List.of("login", "logout", "purchase", "profile_update");

    public static ActivityRow random(ThreadLocalRandom random, boolean bad) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        Long userId = (long) (1 + random.nextInt(5000));
        BigDecimal amount = "purchase".equals(type)
                ? BigDecimal.valueOf(random.nextDouble(1, 500)).setScale(2, RoundingMode.HALF_UP) : null;
        String email = "user" + userId + "@example.com";
        if (bad) {
            switch (random.nextInt(5)) {
                case 0 -> userId = null;
                case 1 -> type = "unknown_action";
                case 2 -> { type = "purchase"; amount = new BigDecimal("-5.00"); }
                case 3 -> email = "not-an-email";
                default -> { type = "purchase"; amount = null; }
            }
        }
        return new ActivityRow(userId, type, amount, email,
                "{\"source\": \"simulator\", \"session\": " + random.nextInt(100_000) + "}");
    }

    /** Sets the parameters of {@link #INSERT}. */
    public void bind(PreparedStatement insert) throws SQLException {
        if (userId == null) {
            insert.setNull(1, Types.BIGINT);
        } else {
            insert.setLong(1, userId);
        }
        insert.setString(2, type);
        insert.setBigDecimal(3, amount);
        insert.setString(4, email);
        insert.setString(5, details);
    }
}
