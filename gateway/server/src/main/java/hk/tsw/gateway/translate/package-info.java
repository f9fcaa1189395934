/**
 * The translate stage's engine: envelope, readers, mapping to the canonical model, canonical validation, business rules
 * and partner checks ({@link hk.tsw.gateway.translate.SubmissionChecker}); formats beneath it ({@code edifact}, {@code xml},
 * {@code mapping}, {@code canonical}, {@code rules}). A library without routes: the route stage runs it off the queue, the
 * SOAP channel and the API call it synchronously. Where a routing table is needed it sees only
 * {@link hk.tsw.gateway.translate.Destinations}.
 * <p>May use: partner, security, settings, store. Never intake, route, deliver, answer, ledger, catalogue, api, cli, runtime.
 */
package hk.tsw.gateway.translate;
