/**
 * Hardened XML parsing ({@link hk.tsw.gateway.security.SecureXml}) and its limits. Used by everything; uses nothing of
 * the gateway but settings.
 */
package hk.tsw.gateway.security;
