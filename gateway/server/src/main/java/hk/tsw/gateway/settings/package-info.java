/**
 * The runtime settings ({@code config/gateway.properties}, overrides, secrets) and the fault points
 * ({@link hk.tsw.gateway.settings.FaultPoints}: a no-op in the product). Used by everything; uses nothing of the gateway.
 */
package hk.tsw.gateway.settings;
