/**
 * The route stage: takes each stored interchange off the received queue (route id {@code route}), runs the translate
 * stage's engine on it, records the outcome, has the answer stage write the sender's answers, and sends each accepted
 * document to the queue of every agency {@link hk.tsw.gateway.route.RoutingTable} names ({@code tsw.deliver.*}).
 * <p>May use: translate, deliver (the agency registry), answer, ledger, store, partner, security, settings. Never intake,
 * api, cli, runtime.
 */
package hk.tsw.gateway.route;
