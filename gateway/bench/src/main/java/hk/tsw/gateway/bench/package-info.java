/**
 * The bench ({@code java -jar gateway/bench/target/tsw-bench.jar}, {@link hk.tsw.gateway.bench.BenchCommand}): the
 * engine, the broker, the gateway end to end over SFTP and AS2, cold start and a 100 MB interchange, measured on this
 * machine. May use the product and test support; neither uses it.
 */
package hk.tsw.gateway.bench;
