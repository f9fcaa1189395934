/**
 * The direct EDIFACT reader's infoset writers: the fast path that produces the same infoset as Daffodil.
 */
package hk.tsw.gateway.translate.mapping.direct;
