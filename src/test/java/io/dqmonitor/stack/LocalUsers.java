package io.dqmonitor.stack;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users of a local run, one per role, each with a password made up for this run (bcrypt-hashed as an operator
 * would declare it), and a hash key for {@code pii: hash}. Nothing is made up for what the arguments already set.
 */
public final class LocalUsers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> ROLE_OF = Map.of("viewer", "viewer", "operator", "operator,metrics",
            "prometheus", "metrics");

    private final Map<String, String> passwords;
    private final String hashKey;

    private LocalUsers(Map<String, String> passwords, String hashKey) {
        this.passwords = passwords;
        this.hashKey = hashKey;
    }

    public static LocalUsers unlessGiven(List<String> arguments) {
        boolean usersGiven = arguments.stream().anyMatch(a -> a.startsWith("--dq.security."));
        boolean keyGiven = arguments.stream().anyMatch(a -> a.startsWith("--dq.privacy.hash-key"));
        Map<String, String> passwords = new LinkedHashMap<>();
        if (!usersGiven) {
            for (String user : List.of("viewer", "operator", "prometheus")) {
                passwords.put(user, secret(12));
            }
        }
        return new LocalUsers(passwords, keyGiven ? null : secret(24));
    }

    public List<String> arguments() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        List<String> arguments = new ArrayList<>();
        passwords.forEach((user, password) -> {
            arguments.add("--dq.security.users." + user + ".password={bcrypt}" + bcrypt.encode(password));
            arguments.add("--dq.security.users." + user + ".roles=" + ROLE_OF.get(user));
        });
        if (hashKey != null) {
            arguments.add("--dq.privacy.hash-key=" + hashKey);
        }
        return arguments;
    }

    /** The lines the run prints: who may do what, with which password, and a call to copy. */
    public String describe(String base) {
        if (passwords.isEmpty()) {
            return "  users           as given with --dq.security.*\n";
        }
        StringBuilder lines = new StringBuilder("  users (passwords made up for this run):\n");
        passwords.forEach((user, password) -> lines.append(String.format("    %-11s %-18s roles %s%n", user, password,
                ROLE_OF.get(user))));
        lines.append(String.format("  try             curl -s -u operator:%s '%s/api/changes?limit=5' | jq .%n",
                passwords.get("operator"), base));
        return lines.toString();
    }

    private static String secret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
