/**
 * The composition root: boots Camel, the embedded broker (or the link to an external one), every stage's routes, the
 * API and the start-up checks, and watches the broker. May use everything; only cli uses it.
 */
package hk.tsw.gateway.runtime;
