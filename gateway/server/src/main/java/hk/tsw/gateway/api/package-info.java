/**
 * The HTTP API (status, documents, decisions, licences, validation, queues, AS2 evidence). An entry point: may use
 * every stage and the packages beside them; nothing uses it but runtime.
 */
package hk.tsw.gateway.api;
