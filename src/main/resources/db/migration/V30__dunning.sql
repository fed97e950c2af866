-- Dunning: what each claim has been charged by dunning (for the one-fee rules and the offset of the business
-- compensation), and the dunning history (every notice, fee, interest posting and hand-over, with its rule).
ALTER TABLE invoice ADD COLUMN reminder_fee_count INT NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD COLUMN dunning_fee_total DECIMAL(19,2) NOT NULL DEFAULT 0;

CREATE TABLE dunning_history (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    business_date DATE          NOT NULL,
    customer_id   BIGINT        NOT NULL,
    invoice_id    BIGINT,
    level         INT           NOT NULL,
    action        VARCHAR(30)   NOT NULL,   -- NOTICE, FEE, INTEREST, COMPENSATION, COLLECTION
    amount        DECIMAL(19,2),
    currency      CHAR(3),
    rule_text     VARCHAR(500),
    idem_key      VARCHAR(190)  NOT NULL,
    created_at    TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_dunning_history_idem UNIQUE (idem_key)
);
CREATE INDEX ix_dunning_history_invoice ON dunning_history (invoice_id, business_date);
CREATE INDEX ix_dunning_history_date ON dunning_history (business_date, action);
