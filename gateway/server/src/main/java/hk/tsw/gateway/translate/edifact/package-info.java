/**
 * EDIFACT: the envelope scanner (UNA/UNB/UNH/UNT/UNZ), segment tokenizer, syntax charsets and structure and element
 * validation against the directories. May use the base of {@link hk.tsw.gateway.translate}; not its other formats.
 */
package hk.tsw.gateway.translate.edifact;
