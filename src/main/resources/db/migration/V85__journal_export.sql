-- The general-ledger hand-over (docs/matching.md, "Journal export"): the batch of a business date holds the exportable
-- postings with from_posting_id < id <= to_posting_id, so each posting reaches the general ledger exactly once, also
-- when it is dated in a period an earlier batch covered (a payment assigned by hand days after the bank booked it). A
-- rerun of the same date writes the same range again; the next date takes up where the last batch ended.
CREATE TABLE journal_export (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    business_date   DATE          NOT NULL,
    from_posting_id BIGINT        NOT NULL,
    to_posting_id   BIGINT        NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    line_count      INT,
    created_at      TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_journal_export_date UNIQUE (business_date)
);
