/**
 * The command line ({@code java -jar tsw-gateway.jar COMMAND}): run, broker, validate, translate, demo, preflight, cds.
 * An entry point: may use everything; nothing uses it.
 */
package hk.tsw.gateway.cli;
