-- Other references a person searches by: bills of lading and container numbers found in a canonical document.
CREATE TABLE document_reference (
    document_id  BIGINT      NOT NULL REFERENCES document (id),
    kind         VARCHAR(32) NOT NULL,
    ref_value    VARCHAR(70) NOT NULL,
    CONSTRAINT uq_document_reference UNIQUE (document_id, kind, ref_value)
);
CREATE INDEX ix_document_reference_value ON document_reference (ref_value);
