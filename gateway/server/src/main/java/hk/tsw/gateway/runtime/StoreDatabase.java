package hk.tsw.gateway.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.settings.StoreSettings;
import hk.tsw.gateway.store.MessageStore;

/** The message store's connection pool, opened from {@link StoreSettings} and migrated before anything uses it. */
final class StoreDatabase {

    private static final int POOL_SIZE = 8;

    private StoreDatabase() {
    }

    /** The migrated pool; closed again when the migration fails. */
    static HikariDataSource open(StoreSettings s) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(s.url());
        hc.setUsername(s.user());
        hc.setPassword(s.password());
        hc.setMaximumPoolSize(POOL_SIZE);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            MessageStore.migrate(ds);
            return ds;
        } catch (RuntimeException | Error e) {
            ds.close();
            throw e;
        }
    }
}
