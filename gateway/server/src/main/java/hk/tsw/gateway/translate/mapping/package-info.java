/**
 * The translation engine: the mapping catalogue of {@code mappings/}, the EDIFACT readers (Daffodil/DFDL and the
 * direct reader), Smooks/XSLT mappings to the canonical model and the canonical schema check.
 */
package hk.tsw.gateway.translate.mapping;
