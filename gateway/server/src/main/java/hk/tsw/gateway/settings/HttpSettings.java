package hk.tsw.gateway.settings;

/** The HTTP listener's settings (API, health, metrics), read once at start. */
public record HttpSettings(String host, int port) {

    public static HttpSettings from(GatewaySettings s) {
        return new HttpSettings(s.get("gateway.http.host"), s.getInt("gateway.http.port"));
    }
}
