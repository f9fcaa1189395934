/**
 * The intake stage, first in the data flow: the SFTP, AS2 and SOAP channels (subpackages) feed one {@link hk.tsw.gateway.intake.Intake},
 * which stores the raw interchange and queues it for translation ({@link hk.tsw.gateway.intake.ReceivedQueue}; the queue
 * names stay as they were), refusing while the disk or the broker cannot take it.
 * <p>May use: translate and route (the SOAP channel checks a submission synchronously), answer (MDN, SOAP receipt), store,
 * partner, security, settings. Never api, cli or runtime.
 */
package hk.tsw.gateway.intake;
