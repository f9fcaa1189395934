/**
 * The database (H2 or PostgreSQL, Flyway migrations) and the payload files: messages, deliveries, decisions, replies,
 * the ledger's rows. Every stage records here; the store knows no stage.
 * <p>May use: settings, security. Never a stage, api, cli or runtime.
 */
package hk.tsw.gateway.store;
