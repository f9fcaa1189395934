package hk.tsw.gateway.routing;

/** A government agency that receives canonical documents: its code, name and delivery endpoint (a Camel URI). */
public record Agency(String code, String name, String endpoint) {
}
