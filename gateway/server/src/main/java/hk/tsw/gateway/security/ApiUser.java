package hk.tsw.gateway.security;

/**
 * One user of the HTTP API ({@code config/users/<id>.xml}): an operator, an agency's user (bound to one agency code)
 * or a partner's user (bound to one partner id). Exactly one of {@code agency} and {@code partner} is set for the
 * bound roles, neither for the operator.
 */
public record ApiUser(String id, Role role, String agency, String partner) {

    /** What a user may see and do (docs/openapi.yaml, "Roles"). */
    public enum Role { OPERATOR, AGENCY, PARTNER }

    public boolean operator() {
        return role == Role.OPERATOR;
    }

    /** For logs and the audit trail: {@code ced (AGENCY CED)}. */
    @Override
    public String toString() {
        return id + " (" + role + (agency != null ? " " + agency : partner != null ? " " + partner : "") + ")";
    }
}
