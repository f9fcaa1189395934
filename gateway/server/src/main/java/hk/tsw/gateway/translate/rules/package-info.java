/**
 * Business rules per document type (data in {@code mappings/rules/}) and the clerk's advice per error code.
 */
package hk.tsw.gateway.translate.rules;
