/**
 * Trading partners from {@code config/partners/} (validated against {@code xsd/config/partner.xsd} at start): who may
 * send what, by which channel, with which keys. Beside the stages, read by all of them.
 * <p>May use: security, settings. Never a stage.
 */
package hk.tsw.gateway.partner;
