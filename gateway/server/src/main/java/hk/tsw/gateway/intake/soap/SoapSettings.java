package hk.tsw.gateway.intake.soap;

import hk.tsw.gateway.settings.GatewaySettings;

/**
 * The SOAP service's settings ({@code gateway.soap.*} in {@code config/gateway.properties}): where it listens, the
 * HTTP body cap in front of CXF (and how much of a body over it is discarded before the fault), the Woodstox limits CXF applies while reading, and the WS-Security clock rules.
 */
public record SoapSettings(String host, int port, String path, long maxBodyBytes, int maxElementDepth,
                           int maxAttributeCount, int maxChildElements, int maxTextLength, long maxElementCount,
                           long maxXmlCharacters, int timestampTtlSeconds, int futureSkewSeconds, int maxResponses,
                           long maxDiscardBytes) {

    public static SoapSettings from(GatewaySettings s) {
        return new SoapSettings(s.get("gateway.soap.host"), s.getInt("gateway.soap.port"), s.get("gateway.soap.path"),
                Long.parseLong(s.get("gateway.soap.max.body.bytes")), s.getInt("gateway.soap.max.element.depth"),
                s.getInt("gateway.soap.max.attribute.count"), s.getInt("gateway.soap.max.child.elements"),
                s.getInt("gateway.soap.max.text.length"), Long.parseLong(s.get("gateway.soap.max.element.count")),
                Long.parseLong(s.get("gateway.soap.max.xml.characters")), s.getInt("gateway.soap.timestamp.ttl.seconds"),
                s.getInt("gateway.soap.future.skew.seconds"), s.getInt("gateway.soap.responses.max"),
                Long.parseLong(s.get("gateway.soap.max.discard.bytes")));
    }

    public String address() {
        return "http://" + host + ":" + port + path;
    }
}
