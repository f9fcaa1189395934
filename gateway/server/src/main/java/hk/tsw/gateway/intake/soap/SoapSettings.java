package hk.tsw.gateway.intake.soap;

import hk.tsw.gateway.settings.GatewaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The SOAP service's settings ({@code gateway.soap.*}; defaults in {@code gateway-defaults.properties}), read once at
 * start: whether it runs and where it listens, the HTTP body cap in front of CXF (and how much of a body over it is
 * discarded before the fault), the Woodstox limits CXF applies while reading, the WS-Security clock rules, the
 * duplicate window, the config folder (partners' certificate files are relative to it) and the partners' UsernameToken
 * passwords from the secrets file ({@code gateway.soap.<partner>.password}, partner id to password).
 */
public record SoapSettings(boolean enabled, String host, int port, String path, long maxBodyBytes, int maxElementDepth,
                           int maxAttributeCount, int maxChildElements, int maxTextLength, long maxElementCount,
                           long maxXmlCharacters, int timestampTtlSeconds, int futureSkewSeconds, int maxResponses,
                           long maxDiscardBytes, Duration duplicateWindow, Path configDir,
                           Map<String, String> partnerPasswords) {

    public static SoapSettings from(GatewaySettings s) {
        return new SoapSettings(s.getBoolean("gateway.soap.enabled"), s.get("gateway.soap.host"),
                s.getInt("gateway.soap.port"), s.get("gateway.soap.path"),
                s.getLong("gateway.soap.max.body.bytes"), s.getInt("gateway.soap.max.element.depth"),
                s.getInt("gateway.soap.max.attribute.count"), s.getInt("gateway.soap.max.child.elements"),
                s.getInt("gateway.soap.max.text.length"), s.getLong("gateway.soap.max.element.count"),
                s.getLong("gateway.soap.max.xml.characters"), s.getInt("gateway.soap.timestamp.ttl.seconds"),
                s.getInt("gateway.soap.future.skew.seconds"), s.getInt("gateway.soap.responses.max"),
                s.getLong("gateway.soap.max.discard.bytes"),
                Duration.ofDays(s.getLong("gateway.duplicate.window.days")), s.configDir(),
                s.family("gateway.soap.", ".password"));
    }

    public String address() {
        return "http://" + host + ":" + port + path;
    }

    /** Never prints the partners' passwords (records print every component). */
    @Override
    public String toString() {
        return "SoapSettings[" + address() + ", enabled=" + enabled + "]";
    }
}
