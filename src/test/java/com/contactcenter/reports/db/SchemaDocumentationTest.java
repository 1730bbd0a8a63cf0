package com.contactcenter.reports.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactcenter.reports.testing.SchemaDiagram;
import com.contactcenter.reports.testing.SchemaDiagram.Relation;
import com.contactcenter.reports.testing.SchemaDocument;
import com.contactcenter.reports.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/schema.md describes the schema that the migrations really create, on every database: its diagram is
 * generated from the database's own metadata, and its column and index tables list exactly what is there.
 * {@code -Dreports.docs.update=true} rewrites the diagram instead of comparing it.
 */
class SchemaDocumentationTest {
    private static final String UPDATE_PROPERTY = "reports.docs.update";

    static Stream<DatabaseDialect> databases() {
        return TestDatabase.requested().stream();
    }

    private static Map<String, Relation> schema(TestDatabase database) {
        return SchemaDiagram.read(database.dataSource());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void diagramIsGeneratedFromTheSchema(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            String generated = SchemaDiagram.mermaid(schema(database));
            SchemaDocument document = SchemaDocument.read();
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                document.rewriteDiagram(generated);
            } else {
                assertEquals(generated, document.diagram(), SchemaDocument.PATH + " shows another schema than "
                        + dialect + "'s: regenerate it with -D" + UPDATE_PROPERTY + "=true");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyTableAndViewIsDocumentedColumnByColumn(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            Map<String, List<List<String>>> actual = new LinkedHashMap<>();
            for (Relation relation : schema(database).values()) {
                List<List<String>> columns = new ArrayList<>();
                relation.columns().forEach(column -> columns.add(List.of(column.name(),
                        column.type() + (column.nullable() && !relation.view() ? ", null" : ""))));
                actual.put(relation.name() + (relation.view() ? " (view)" : " (table)"), columns);
            }
            assertEquals(actual, new LinkedHashMap<>(SchemaDocument.read().relations()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyIndexIsDocumented(DatabaseDialect dialect) {
        try (TestDatabase database = TestDatabase.create(dialect).migrated()) {
            TreeSet<List<String>> actual = new TreeSet<>(SchemaDocumentationTest::compare);
            for (Relation relation : schema(database).values()) {
                if (!relation.primaryKey().isEmpty()) {
                    // Each database names its primary key's index its own way: documented by its columns.
                    actual.add(List.of(relation.name() + "_pk", relation.name(), String.join(", ",
                            relation.primaryKey()), "yes"));
                }
                relation.indexes().forEach(index -> actual.add(List.of(index.name(), relation.name(),
                        String.join(", ", index.columns()), index.unique() ? "yes" : "no")));
            }
            TreeSet<List<String>> documented = new TreeSet<>(SchemaDocumentationTest::compare);
            documented.addAll(SchemaDocument.read().indexes());
            assertEquals(actual, documented);
        }
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("|", a).compareTo(String.join("|", b));
    }
}
