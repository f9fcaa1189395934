package hk.tsw.gateway.settings;

/**
 * The message store's database ({@code gateway.db.*}; the password from the secrets file), read once at start;
 * {@code allowUnsyncedH2Commits} ({@code gateway.db.h2.allow.unsynced.commits}, false) lets an H2 store skip forcing
 * its file to disk after each commit (see {@code store.CommitSync}).
 */
public record StoreSettings(String url, String user, String password, boolean allowUnsyncedH2Commits) {

    public static StoreSettings from(GatewaySettings s) {
        return new StoreSettings(s.get("gateway.db.url"), s.get("gateway.db.user"), s.get("gateway.db.password"),
                s.getBoolean("gateway.db.h2.allow.unsynced.commits"));
    }

    /** Never prints the password (records print every component). */
    @Override
    public String toString() {
        return "StoreSettings[url=" + url + ", user=" + user + "]";
    }
}
