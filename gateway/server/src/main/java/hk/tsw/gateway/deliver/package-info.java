/**
 * The deliver stage: agencies and their registry, delivery per agency with retries, refusals and dead letters.
 * <p>May use: store, broker (its batch session), settings, security, partner. Never another stage, api, cli or runtime.
 */
package hk.tsw.gateway.deliver;
