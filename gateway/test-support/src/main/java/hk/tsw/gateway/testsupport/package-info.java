/**
 * Test support, one copy for the fast tests (gateway/server compiles these sources into its tests), the reliability
 * suite and the bench: the gateway as a process ({@link hk.tsw.gateway.testsupport.GatewayProcess},
 * {@link hk.tsw.gateway.testsupport.ProcessHarness}) or in this JVM ({@link hk.tsw.gateway.testsupport.RunningGateway}),
 * the partners' clients (SFTP, AS2, SOAP), the agency and webhook stubs, the invariants, the project root, and the
 * halting fault points ({@link hk.tsw.gateway.testsupport.HaltingFaultPoints}). May use the whole product; the product
 * never uses it.
 */
package hk.tsw.gateway.testsupport;
