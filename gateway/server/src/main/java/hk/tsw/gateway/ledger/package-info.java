/**
 * The licence ledger (LPCO applications and write-offs): business state that declarations draw on. Beside the
 * stages: the route stage applies write-offs, the API shows them.
 * <p>May use: translate, catalogue, store, security, settings. Never intake, route, deliver, answer, api, cli, runtime.
 */
package hk.tsw.gateway.ledger;
