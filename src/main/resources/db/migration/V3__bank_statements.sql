-- Bank files, the statements in them and their transactions (camt.053/054, Nets OCR giro, BgMax).
-- Amounts are stored as written in the file (up to five decimals), signed: money in positive.

CREATE TABLE bank_file (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    sha256       CHAR(64)      NOT NULL,
    file_name    VARCHAR(255)  NOT NULL,
    format       VARCHAR(30)   NOT NULL,
    status       VARCHAR(20)   NOT NULL,          -- IMPORTED (rejected files are not stored, see docs)
    statements   INT           NOT NULL DEFAULT 0,
    transactions INT           NOT NULL DEFAULT 0,
    duplicates   INT           NOT NULL DEFAULT 0, -- transactions already stored from an overlapping file
    warnings     VARCHAR(2000),
    imported_at  TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_bank_file_sha UNIQUE (sha256)
);

CREATE TABLE bank_statement (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    bank_file_id    BIGINT        NOT NULL,
    -- identity of the statement across files: camt account + Stmt/Id + ElctrncSeqNb, OCR transmission +
    -- assignment number, BgMax bankgiro + deposit serial
    statement_key   VARCHAR(190)  NOT NULL,
    format          VARCHAR(30)   NOT NULL,
    statement_id    VARCHAR(100),
    account         VARCHAR(50),
    currency        CHAR(3),
    opening_balance DECIMAL(23,5),
    closing_balance DECIMAL(23,5),
    sequence_no     BIGINT,
    statement_date  DATE,
    created_at      TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_bank_statement_key UNIQUE (statement_key),
    CONSTRAINT fk_bank_statement_file FOREIGN KEY (bank_file_id) REFERENCES bank_file (id)
);

CREATE TABLE bank_transaction (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    bank_statement_id BIGINT        NOT NULL,
    -- identity of the bank transaction across overlapping files (bank reference, or a content key)
    tx_key            VARCHAR(190)  NOT NULL,
    amount            DECIMAL(23,5) NOT NULL,
    currency          CHAR(3)       NOT NULL,
    booking_date      DATE,
    value_date        DATE,
    reference         VARCHAR(64),
    reference_valid   BOOLEAN       NOT NULL DEFAULT FALSE,
    end_to_end_id     VARCHAR(64),
    bank_reference    VARCHAR(64),
    payer_name        VARCHAR(140),
    payer_account     VARCHAR(50),
    text              VARCHAR(500),
    reversal          BOOLEAN       NOT NULL DEFAULT FALSE,
    -- matching state: OPEN, MATCHED, ON_ACCOUNT, IGNORED, OUTGOING, REVERSED
    match_status      VARCHAR(20)   NOT NULL DEFAULT 'OPEN',
    customer_id       BIGINT,
    posting_id        BIGINT,
    match_rule        VARCHAR(40),
    match_evidence    VARCHAR(500),
    ignored_reason    VARCHAR(500),
    created_at        TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_bank_transaction_key UNIQUE (tx_key),
    CONSTRAINT fk_bank_transaction_statement FOREIGN KEY (bank_statement_id) REFERENCES bank_statement (id)
);
CREATE INDEX ix_bank_transaction_status ON bank_transaction (match_status, id);
CREATE INDEX ix_bank_transaction_reference ON bank_transaction (reference);
