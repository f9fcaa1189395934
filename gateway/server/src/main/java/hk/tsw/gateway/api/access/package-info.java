/**
 * Access to the HTTP doors: the one gate in front of every {@code /api} route (authentication by bearer token, the
 * per-role and per-resource rules of {@link hk.tsw.gateway.api.access.ApiRules}, 401/403/404), the guard in front
 * of {@code /observe}, and the audit of operator and agency actions. It belongs to {@code api} (an entry point) because
 * it reads ownership and writes the audit through {@code store}; the identities and credentials it checks are
 * {@code security}'s ({@code UserDirectory}, {@code ApiUser}), which imports no stage.
 */
package hk.tsw.gateway.api.access;
