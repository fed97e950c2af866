-- Matching: the ranked suggestions for transactions left to a person, and the indexes the matching job,
-- reversals and the journal export read by.

CREATE TABLE match_suggestion (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    transaction_id BIGINT        NOT NULL,
    suggestion_rank INT          NOT NULL,
    invoice_id     BIGINT        NOT NULL,
    score          INT           NOT NULL,
    reason         VARCHAR(500)  NOT NULL,
    CONSTRAINT uq_match_suggestion UNIQUE (transaction_id, suggestion_rank),
    CONSTRAINT fk_match_suggestion_tx FOREIGN KEY (transaction_id) REFERENCES bank_transaction (id),
    CONSTRAINT fk_match_suggestion_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
);

CREATE INDEX ix_bank_transaction_e2e ON bank_transaction (end_to_end_id);
CREATE INDEX ix_bank_transaction_posting ON bank_transaction (posting_id);
CREATE INDEX ix_posting_date ON posting (posting_date, type);
