package hk.tsw.gateway.translate.mapping.direct;

/**
 * Where the direct reader puts the tree it builds: a W3C DOM (to compare with Daffodil's) or a Saxon tree (what the
 * mappings read, without a DOM wrapper in between). Elements are either in the directory's namespace (the three
 * that Daffodil qualifies) or in none.
 */
interface InfosetWriter {

    void startQualified(String localName);

    void start(String localName);

    /** A leaf element with text (possibly empty). */
    void leaf(String localName, String text);

    void end();
}
