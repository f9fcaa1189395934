package hk.tsw.gateway.settings;

/** The message store's database ({@code gateway.db.*}; the password from the secrets file), read once at start. */
public record StoreSettings(String url, String user, String password) {

    public static StoreSettings from(GatewaySettings s) {
        return new StoreSettings(s.get("gateway.db.url"), s.get("gateway.db.user"), s.get("gateway.db.password"));
    }

    /** Never prints the password (records print every component). */
    @Override
    public String toString() {
        return "StoreSettings[url=" + url + ", user=" + user + "]";
    }
}
