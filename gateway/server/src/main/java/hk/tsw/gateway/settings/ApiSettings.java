package hk.tsw.gateway.settings;

import java.util.HashMap;
import java.util.Map;

/**
 * The API users' secrets from the secrets file, read once at start: {@code gateway.user.<id>.token.sha256} and
 * {@code gateway.user.<id>.password.bcrypt}, by full key (the user directory asks for them by key).
 */
public record ApiSettings(Map<String, String> userSecrets) {

    public static ApiSettings from(GatewaySettings s) {
        Map<String, String> secrets = new HashMap<>();
        for (String suffix : new String[]{".token.sha256", ".password.bcrypt"}) {
            s.family("gateway.user.", suffix).forEach((id, v) -> secrets.put("gateway.user." + id + suffix, v));
        }
        return new ApiSettings(Map.copyOf(secrets));
    }

    /** Never prints the hashes (records print every component). */
    @Override
    public String toString() {
        return "ApiSettings[" + userSecrets.size() + " user secrets]";
    }
}
