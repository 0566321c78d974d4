package io.dqmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README and the docs are a newcomer's way in: every relative link reaches a file of the repository (and a
 * heading of it, when it names one), nothing points outside the repository, and the README stays a front door.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern URL = Pattern.compile("\\b(?:https?|ftp)://[^\\s)>`'\"]+");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*$", Pattern.MULTILINE);
    private static final Pattern FENCE = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("BENCHMARKS.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The text a reader follows: code blocks and code spans are examples, not links. */
    private static String prose(Path document) throws IOException {
        String text = FENCE.matcher(Files.readString(document)).replaceAll("");
        return CODE_SPAN.matcher(text).replaceAll("");
    }

    @Test
    void everyRelativeLinkReachesAFileOfTheRepositoryAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher links = LINK.matcher(prose(document));
            while (links.find()) {
                String target = links.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path document : documents()) {
            Matcher urls = URL.matcher(prose(document));
            while (urls.find()) {
                String url = urls.group().replaceAll("[.,;:]+$", "");
                // the services a reader starts: local addresses, not links out of the repository
                if (!url.matches("https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?")) {
                    outside.add(ROOT.relativize(document) + ": " + url);
                }
            }
        }
        assertThat(outside).isEmpty();
    }

    @Test
    void theReadmeIsAFrontDoor() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void headingsAreFoundAsGitHubNamesThem() {
        assertThat(slug("More databases: MySQL/MariaDB and MongoDB")).isEqualTo("more-databases-mysqlmariadb-and-mongodb");
        assertThat(slug("Run locally: `./mvnw spring-boot:test-run`")).isEqualTo("run-locally-mvnw-spring-boottest-run");
    }

    private static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Matcher headings = HEADING.matcher(FENCE.matcher(Files.readString(document)).replaceAll(""));
        while (headings.find()) {
            String slug = slug(headings.group(1));
            String unique = slug;
            for (int n = 1; !seen.add(unique); n++) {
                unique = slug + "-" + n;
            }
            anchors.add(unique);
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
