/**
 * The runtime settings ({@code config/gateway.properties}, overrides, secrets) and the fault points
 * ({@link hk.tsw.gateway.settings.FaultPoints}: a no-op in the product). Used by everything; uses nothing of the gateway.
 * A stage gets its settings as one record read once at start ({@code IntakeSettings}, {@code TranslateSettings},
 * {@code RouteSettings}, {@code DeliverSettings}, {@code StoreSettings}, {@code HttpSettings}, {@code BrokerSettings},
 * {@code ApiSettings}; the channels' own {@code SoapSettings} and {@code As2Settings}); only those records read a key
 * ({@code SettingsReadsTest}).
 */
package hk.tsw.gateway.settings;
