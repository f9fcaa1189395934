package hk.tsw.gateway.deliver;

/** A government agency that receives canonical documents: its code, name and delivery endpoint (a Camel URI). */
public record Agency(String code, String name, String endpoint) {
}
