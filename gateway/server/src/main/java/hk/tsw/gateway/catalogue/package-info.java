/**
 * The catalogue of document types (what the gateway accepts, from {@code mappings/} and the schemas), for the API's
 * documents table and the generated docs/DOCUMENTS.md. Beside the stages: it describes them, it runs none.
 * <p>May use: translate, partner, security, settings, store. Never a stage's routes, api, cli or runtime.
 */
package hk.tsw.gateway.catalogue;
