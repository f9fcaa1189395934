package hk.tsw.gateway.routing;

import org.apache.camel.builder.RouteBuilder;

/**
 * Takes received interchanges from the broker (transacted: a crash before commit redelivers them), translates and
 * routes them, and hands one message per agency delivery to that agency's queue within the same transaction.
 */
public final class RoutingRoute extends RouteBuilder {

    private final InterchangeProcessor processor;

    public RoutingRoute(InterchangeProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void configure() {
        from("jms:queue:{{gateway.queue.received}}?transacted=true&concurrentConsumers={{gateway.translate.consumers}}")
                .routeId("interchange-translate")
                .process(e -> e.getIn().setBody(processor.process(e.getIn().getBody(Long.class))))
                .split(body())
                    .setHeader("tswAgency", simple("${body.split(':')[0]}"))
                    .setBody(simple("${body.split(':')[1]}"))
                    .toD("jms:queue:tsw.deliver.${header.tswAgency}?transacted=true")
                .end();
    }
}
