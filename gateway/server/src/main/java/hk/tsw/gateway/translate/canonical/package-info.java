/**
 * The canonical document: its codec and the facts routing and rules read from it (declarant, LPCO type, ...).
 */
package hk.tsw.gateway.translate.canonical;
