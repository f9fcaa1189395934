/**
 * The AS2 channel of the intake: the HTTP server, S/MIME unwrapping, MDNs (synchronous and asynchronous), and the AS2
 * sender that the answer stage's replies to AS2 partners go through. May use what {@link hk.tsw.gateway.intake} may use.
 */
package hk.tsw.gateway.intake.as2;
