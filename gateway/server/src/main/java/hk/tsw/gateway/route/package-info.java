/**
 * The route stage: takes the stored interchanges off the received queue in batches (routes {@code route},
 * {@code route-2}, ..., each a {@link hk.tsw.gateway.route.ReceivedBatchConsumer}), runs the translate stage's engine
 * on each, records the outcome, has the answer stage write the sender's answers, and sends each accepted document to
 * the queue of every agency {@link hk.tsw.gateway.route.RoutingTable} names ({@code tsw.deliver.*}).
 * <p>May use: translate, deliver (the agency registry, the dead-letter origin), answer, ledger, store, partner, broker
 * (its batch session), security, settings. Never intake, api, cli, runtime.
 */
package hk.tsw.gateway.route;
