package com.contactcenter.reports.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The schema as the database itself describes it (JDBC {@link DatabaseMetaData}): its tables, views, columns and
 * indexes, and a Mermaid ER diagram of them. Types are named portably (varchar(n), timestamp(3), text, ...) so that
 * H2, PostgreSQL and MariaDB, whose scripts differ, must describe the same schema.
 */
public final class SchemaDiagram {
    /** Flyway's own bookkeeping, not part of the documented schema. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** Longer varchar columns are unbounded texts in practice (H2's raw_report is CHARACTER VARYING(1000000)). */
    private static final int LONGEST_VARCHAR = 65_535;

    /** The width of yyyy-MM-dd HH:mm:ss. */
    private static final int DATETIME_WITHOUT_FRACTION = 19;

    /** A column: its portable type, and whether it may be null. */
    public record Column(String name, String type, boolean nullable) {
    }

    /** An index, named as in the scripts, with its columns in order. */
    public record Index(String name, List<String> columns, boolean unique) {
    }

    /** A table or view. */
    public record Relation(String name, boolean view, List<Column> columns, List<String> primaryKey,
            List<Index> indexes) {
    }

    private SchemaDiagram() {
    }

    /** Every table and view of the schema, by name. */
    public static Map<String, Relation> read(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            Map<String, Relation> relations = new TreeMap<>();
            try (ResultSet tables = metaData.getTables(catalog, schema, "%", new String[] {"TABLE", "VIEW"})) {
                while (tables.next()) {
                    String name = tables.getString("TABLE_NAME");
                    if (!FLYWAY_HISTORY.equalsIgnoreCase(name)) {
                        boolean view = "VIEW".equalsIgnoreCase(tables.getString("TABLE_TYPE"));
                        relations.put(lower(name), relation(metaData, catalog, schema, name, view));
                    }
                }
            }
            return relations;
        } catch (SQLException failed) {
            throw new IllegalStateException("the schema's metadata cannot be read", failed);
        }
    }

    private static Relation relation(DatabaseMetaData metaData, String catalog, String schema, String name,
            boolean view) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = metaData.getColumns(catalog, schema, name, "%")) {
            while (rows.next()) {
                columns.add(new Column(lower(rows.getString("COLUMN_NAME")), view ? viewType(rows) : type(rows),
                        rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        if (view) {
            return new Relation(lower(name), true, columns, List.of(), List.of());
        }
        Map<Integer, String> keyColumns = new TreeMap<>();
        try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, name)) {
            while (rows.next()) {
                keyColumns.put(rows.getInt("KEY_SEQ"), lower(rows.getString("COLUMN_NAME")));
            }
        }
        List<String> primaryKey = new ArrayList<>(keyColumns.values());
        return new Relation(lower(name), false, columns, primaryKey, indexes(metaData, catalog, schema, name,
                primaryKey));
    }

    /** The indexes other than the primary key's, whose name each database chooses its own way. */
    private static List<Index> indexes(DatabaseMetaData metaData, String catalog, String schema, String table,
            List<String> primaryKey) throws SQLException {
        Map<String, Map<Integer, String>> columns = new TreeMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rows = metaData.getIndexInfo(catalog, schema, table, false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                if (name == null || rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                columns.computeIfAbsent(name, n -> new TreeMap<>()).put((int) rows.getShort("ORDINAL_POSITION"),
                        lower(rows.getString("COLUMN_NAME")));
                unique.put(name, !rows.getBoolean("NON_UNIQUE"));
            }
        }
        List<Index> indexes = new ArrayList<>();
        columns.forEach((name, byPosition) -> {
            List<String> indexColumns = new ArrayList<>(byPosition.values());
            if (!indexColumns.equals(primaryKey)) {
                indexes.add(new Index(indexName(name), indexColumns, unique.get(name)));
            }
        });
        indexes.sort((a, b) -> a.name().compareTo(b.name()));
        return indexes;
    }

    /** H2 names the index behind a constraint after it, with a suffix: message_report_event_uq_index_6. */
    private static String indexName(String name) {
        return lower(name).replaceFirst("_index_[0-9a-f]+$", "");
    }

    /**
     * A view's column by kind only: each database derives its own length and precision for a CASE or a MAX (text
     * or varchar(9), timestamp(6) or timestamp(3)), and the view's meaning does not depend on them.
     */
    private static String viewType(ResultSet column) throws SQLException {
        String type = type(column);
        return type.equals("text") ? "varchar" : type.replaceFirst("\\(.*", "");
    }

    private static String type(ResultSet column) throws SQLException {
        int size = column.getInt("COLUMN_SIZE");
        String databaseType = column.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
        switch (column.getInt("DATA_TYPE")) {
            case Types.BIGINT:
                return "bigint";
            case Types.INTEGER:
                return "integer";
            case Types.TIMESTAMP:
                return "timestamp(" + fractionalDigits(column) + ")";
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.NVARCHAR:
                return databaseType.contains("text") || size > LONGEST_VARCHAR ? "text" : "varchar(" + size + ")";
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
                return "text";
            default:
                return databaseType.replace(' ', '_');
        }
    }

    /** MariaDB's driver reports DATETIME(3) as 0 decimal digits and a size of 23: 19 characters, a point, 3. */
    private static int fractionalDigits(ResultSet column) throws SQLException {
        int digits = column.getInt("DECIMAL_DIGITS");
        int size = column.getInt("COLUMN_SIZE");
        return digits == 0 && size > DATETIME_WITHOUT_FRACTION + 1 ? size - DATETIME_WITHOUT_FRACTION - 1 : digits;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The Mermaid ER diagram of the schema, as docs/schema.md shows it between ```mermaid and ```. */
    public static String mermaid(Map<String, Relation> relations) {
        StringBuilder diagram = new StringBuilder("erDiagram\n");
        for (Relation relation : relations.values()) {
            Set<String> uniqueColumns = new LinkedHashSet<>();
            relation.indexes().stream().filter(Index::unique).forEach(index -> uniqueColumns.addAll(index.columns()));
            diagram.append("    ").append(relation.name()).append(" {\n");
            for (Column column : relation.columns()) {
                List<String> keys = new ArrayList<>();
                if (relation.primaryKey().contains(column.name())) {
                    keys.add("PK");
                }
                if (uniqueColumns.contains(column.name())) {
                    keys.add("UK");
                }
                diagram.append("        ").append(column.type()).append(' ').append(column.name());
                if (!keys.isEmpty()) {
                    diagram.append(' ').append(String.join(", ", keys));
                }
                if (column.nullable() && !relation.view()) {
                    diagram.append(" \"null\"");
                }
                diagram.append('\n');
            }
            diagram.append("    }\n");
        }
        for (Relation table : relations.values()) {
            for (Relation other : relations.values()) {
                if (!table.view() && !other.view() && other != table && !table.primaryKey().isEmpty()
                        && !other.primaryKey().equals(table.primaryKey())
                        && columnNames(other).containsAll(table.primaryKey())) {
                    // No foreign key: a channel's reports outlive it. The shared key columns still relate them.
                    diagram.append("    ").append(table.name()).append(" |o--o{ ").append(other.name())
                            .append(" : \"").append(String.join(", ", table.primaryKey())).append("\"\n");
                }
            }
        }
        return diagram.toString();
    }

    private static List<String> columnNames(Relation relation) {
        return relation.columns().stream().map(Column::name).toList();
    }
}
