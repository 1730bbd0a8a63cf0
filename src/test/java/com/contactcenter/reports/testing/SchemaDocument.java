package com.contactcenter.reports.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/schema.md as the tests read it: its Mermaid diagram, its column and index tables, and its queries, each
 * marked {@code <!-- query: name -->} (every database) or {@code <!-- query: name postgresql h2 -->} (those named)
 * right before its {@code ```sql} block.
 */
public final class SchemaDocument {
    public static final Path PATH = Path.of("docs", "schema.md");

    private static final String DIAGRAM_START = "```mermaid\n";
    private static final String BLOCK_END = "```\n";
    private static final Pattern QUERY = Pattern.compile(
            "<!-- query: ([a-z0-9-]+)((?: [a-z0-9]+)*) -->\n```sql\n(.*?)```\n", Pattern.DOTALL);
    private static final Pattern RELATION = Pattern.compile("^### `(\\w+)` \\((table|view)\\)$", Pattern.MULTILINE);
    private static final Pattern SECTION = Pattern.compile("^#{2,3} ", Pattern.MULTILINE);

    /** A documented query: its name, the databases it is written for (empty: all), and its text. */
    public record Query(String name, List<String> databases, String sql) {
        public boolean runsOn(String database) {
            return databases.isEmpty() || databases.contains(database);
        }
    }

    private final String text;

    private SchemaDocument(String text) {
        this.text = text;
    }

    public static SchemaDocument read() {
        try {
            return new SchemaDocument(Files.readString(PATH, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public String diagram() {
        int start = text.indexOf(DIAGRAM_START);
        if (start < 0) {
            throw new IllegalStateException(PATH + " has no ```mermaid block");
        }
        start += DIAGRAM_START.length();
        return text.substring(start, text.indexOf(BLOCK_END, start));
    }

    /** Writes the document again with {@code diagram} in place of its Mermaid block. */
    public void rewriteDiagram(String diagram) {
        int start = text.indexOf(DIAGRAM_START) + DIAGRAM_START.length();
        int end = text.indexOf(BLOCK_END, start);
        try {
            Files.writeString(PATH, text.substring(0, start) + diagram + text.substring(end), StandardCharsets.UTF_8);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        Matcher query = QUERY.matcher(text);
        while (query.find()) {
            List<String> databases = query.group(2).isEmpty() ? List.of()
                    : Arrays.asList(query.group(2).trim().split(" "));
            queries.add(new Query(query.group(1), databases, query.group(3)));
        }
        return queries;
    }

    /**
     * The documented tables and views: name to its "### `name` (table|view)" section's table rows, each row the
     * first two cells without their backquotes (column and type).
     */
    public Map<String, List<List<String>>> relations() {
        Map<String, List<List<String>>> relations = new LinkedHashMap<>();
        Matcher relation = RELATION.matcher(text);
        while (relation.find()) {
            relations.put(relation.group(1) + " (" + relation.group(2) + ")", tableRows(sectionAfter(relation.end()),
                    2));
        }
        return relations;
    }

    /** The rows of the table under "## Indexes": name, table, columns, unique. */
    public List<List<String>> indexes() {
        int start = text.indexOf("\n## Indexes\n");
        if (start < 0) {
            throw new IllegalStateException(PATH + " has no section ## Indexes");
        }
        return tableRows(sectionAfter(start + 1 + "## Indexes\n".length()), 4);
    }

    private String sectionAfter(int start) {
        Matcher next = SECTION.matcher(text);
        return text.substring(start, next.find(start) ? next.start() : text.length());
    }

    /** The body rows of the markdown tables in {@code section} whose first cell is `quoted`, first cells only. */
    private static List<List<String>> tableRows(String section, int cells) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| `")) {
                String[] split = line.substring(1, line.length() - 1).split(" \\| ", -1);
                List<String> row = new ArrayList<>();
                for (int i = 0; i < cells; i++) {
                    row.add(split[i].trim().replace("`", ""));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
