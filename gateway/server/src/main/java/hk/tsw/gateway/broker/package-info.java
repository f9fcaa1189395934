/**
 * The stages' own JMS work beside Camel's: {@link hk.tsw.gateway.broker.TransactedBatchSession}, the transacted session
 * with which the route and deliver stages take their queues in batches. Uses nothing of the gateway; used by route,
 * deliver and the entry points. (Connecting to the broker, watching it and running the embedded one is runtime's.)
 */
package hk.tsw.gateway.broker;
