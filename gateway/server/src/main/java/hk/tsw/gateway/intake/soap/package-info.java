/**
 * The SOAP channel of the intake: the CXF endpoint of the published contract, WS-Security (UsernameToken, the replay
 * cache), the body cap and the faults. May use what {@link hk.tsw.gateway.intake} may use.
 */
package hk.tsw.gateway.intake.soap;
