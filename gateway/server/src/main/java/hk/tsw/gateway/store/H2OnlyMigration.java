package hk.tsw.gateway.store;

import java.sql.Connection;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration in Java that changes something on H2 only (a setting or an index H2 alone needs or repeats) and
 * does nothing on PostgreSQL; it runs in the migration's transaction, and its checksum is none (the code is the
 * migration).
 */
abstract class H2OnlyMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    H2OnlyMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    /** The change, on an H2 connection. */
    abstract void migrateH2(Connection c) throws Exception;

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
            migrateH2(c);
        }
    }
}
