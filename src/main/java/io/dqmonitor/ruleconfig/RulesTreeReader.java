package io.dqmonitor.ruleconfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dqmonitor.rules.InvalidRulesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;

/**
 * Reads {@code dq.tables} from Spring's property sources into one plain tree per table. Table names contain a dot
 * ({@code public.user_activities}), which Spring's binder would split into two map levels, so the table name is
 * everything between {@code dq.tables} and the first table setting ({@code freshness}, {@code columns}, {@code when}).
 * Higher-precedence sources win key by key, and a list is taken whole from the one source that declares it.
 */
final class RulesTreeReader {

    static final Set<String> TABLE_SETTINGS = Set.of("freshness", "columns", "when", "max-deletes-per-minute",
            "max-rows-per-transaction", "anomaly", "expressions", "thresholds", "min-rows", "max-rows");
    private static final ConfigurationPropertyName TABLES = ConfigurationPropertyName.of("dq.tables");
    /** Not a table (a table's name has a dot): how many tables are tracked, bound by the pipeline. */
    private static final ConfigurationPropertyName MAX_TRACKED = ConfigurationPropertyName.of("dq.tables.max-tracked");

    private RulesTreeReader() {
    }

    static Map<String, Map<String, Object>> read(Iterable<ConfigurationPropertySource> sources) {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        Set<String> assigned = new HashSet<>();
        Map<String, ConfigurationPropertySource> listOwners = new HashMap<>();
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(name -> TABLES.isAncestorOf(name) && !MAX_TRACKED.equals(name))
                    .forEach(name -> {
                Entry entry = entry(name);
                if (claimLists(entry, source, listOwners) && assigned.add(entry.table + '\0' + entry.path)) {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    put(tables.computeIfAbsent(entry.table, t -> new LinkedHashMap<>()), entry.path,
                            property == null ? null : property.getValue());
                }
            });
        }
        tables.replaceAll((table, tree) -> castTree(listify(tree)));
        return tables;
    }

    private record Entry(String table, List<String> path, List<Integer> indexPositions) {
    }

    private static Entry entry(ConfigurationPropertyName name) {
        int first = TABLES.getNumberOfElements();
        int settingAt = -1;
        for (int i = first; i < name.getNumberOfElements(); i++) {
            if (!name.isNumericIndex(i) && TABLE_SETTINGS.contains(name.getElement(i, Form.DASHED))) {
                settingAt = i;
                break;
            }
        }
        if (settingAt <= first) {
            throw new InvalidRulesException(name.toString(),
                    "expected dq.tables.<schema.table>.<setting> with a setting among " + TABLE_SETTINGS);
        }
        List<String> tableParts = new ArrayList<>();
        for (int i = first; i < settingAt; i++) {
            tableParts.add(name.getElement(i, Form.ORIGINAL));
        }
        List<String> path = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = settingAt; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                indexes.add(path.size());
            }
            path.add(name.getElement(i, Form.ORIGINAL));
        }
        return new Entry(String.join(".", tableParts), path, indexes);
    }

    private static boolean claimLists(Entry entry, ConfigurationPropertySource source,
            Map<String, ConfigurationPropertySource> owners) {
        for (int position : entry.indexPositions) {
            String list = entry.table + '\0' + entry.path.subList(0, position);
            if (owners.putIfAbsent(list, source) != null && owners.get(list) != source) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, List<String> path, Object value) {
        Map<String, Object> node = tree;
        for (String part : path.subList(0, path.size() - 1)) {
            Object child = node.computeIfAbsent(part, p -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(part, child);
            }
            node = (Map<String, Object>) child;
        }
        node.putIfAbsent(path.get(path.size() - 1), value);
    }

    /** Maps whose keys are all list indexes become lists, in index order. */
    private static Object listify(Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        Map<String, Object> children = new LinkedHashMap<>();
        map.forEach((k, v) -> children.put((String) k, listify(v)));
        if (!children.isEmpty() && children.keySet().stream().allMatch(k -> k.chars().allMatch(Character::isDigit))) {
            return children.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                    .map(Map.Entry::getValue)
                    .toList();
        }
        return children;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castTree(Object tree) {
        return (Map<String, Object>) tree;
    }
}
