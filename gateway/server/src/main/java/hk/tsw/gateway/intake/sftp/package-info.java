/**
 * The SFTP channel of the intake: the SSH server partners sign in to, the upload cap, and the route that moves an
 * uploaded file into the intake. May use what {@link hk.tsw.gateway.intake} may use.
 */
package hk.tsw.gateway.intake.sftp;
