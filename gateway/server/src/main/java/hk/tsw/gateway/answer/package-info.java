/**
 * The answer stage: every answer the sender gets (CONTRL, APERAK, CUSRES, WCO Response) and its delivery per channel
 * (SFTP outbox, AS2, webhooks).
 * <p>May use: translate (the checked submission it answers), store, partner, security, settings. Never intake, route,
 * deliver, api, cli or runtime.
 */
package hk.tsw.gateway.answer;
