package hk.tsw.gateway.as2;

import hk.tsw.gateway.runtime.RunningGateway;
import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The AS2 store of a running test gateway, opened on its embedded H2 database from the same JVM: for what only an
 * operator does (an MDN sent again), which has no REST call yet.
 */
final class As2StoreAccess implements AutoCloseable {

    final As2Store as2;

    As2StoreAccess(RunningGateway gw) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + gw.data.resolve("db/tsw") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        ds.setPassword("");
        as2 = new As2Store(new MessageStore(ds, new PayloadFiles(gw.data.resolve("payloads"))));
    }

    @Override
    public void close() {
        // the gateway owns the database; nothing of ours stays open between calls
    }
}
