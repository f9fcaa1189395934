/**
 * Hardened XML parsing ({@link hk.tsw.gateway.security.SecureXml}) and its limits, and the API's identities:
 * {@link hk.tsw.gateway.security.UserDirectory} (users of {@code config/users/}, their token and password hashes from
 * the secrets file) and {@link hk.tsw.gateway.security.ApiUser}. Used by everything; uses nothing of the gateway but
 * settings (the gate that applies the identities to requests is {@code api.access}).
 */
package hk.tsw.gateway.security;
