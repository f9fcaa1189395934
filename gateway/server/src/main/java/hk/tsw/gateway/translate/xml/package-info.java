/**
 * XML submissions (WCO DMS, CDS): the front door that finds the document type, declared encodings and located
 * errors. May use the base of {@link hk.tsw.gateway.translate}; not the EDIFACT format.
 */
package hk.tsw.gateway.translate.xml;
