-- The customer ledger: customers, documents (invoices, credit notes, opening balances), the append-only
-- posting journal and the allocations that settle open items. Portable between MariaDB and H2 (MariaDB mode).

CREATE TABLE customer (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_no         VARCHAR(32)   NOT NULL,
    name                VARCHAR(200)  NOT NULL,
    org_no              VARCHAR(20),
    country             CHAR(2)       NOT NULL,
    currency            CHAR(3)       NOT NULL,
    language            CHAR(2)       NOT NULL,
    email               VARCHAR(254),
    email_invalid       BOOLEAN       NOT NULL DEFAULT FALSE,
    address             VARCHAR(200),
    postal_code         VARCHAR(16),
    city                VARCHAR(100),
    customer_type       VARCHAR(10)   NOT NULL,
    credit_limit        DECIMAL(19,2),
    reminder_fee_agreed BOOLEAN       NOT NULL DEFAULT FALSE,
    hold_reason         VARCHAR(500),
    hold_until          DATE,
    anonymised_at       TIMESTAMP     NULL,
    created_at          TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_customer_no UNIQUE (customer_no)
);

CREATE TABLE invoice (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    invoice_no         VARCHAR(40)   NOT NULL,
    customer_id        BIGINT        NOT NULL,
    type               VARCHAR(20)   NOT NULL,
    issue_date         DATE          NOT NULL,
    due_date           DATE          NOT NULL,
    currency           CHAR(3)       NOT NULL,
    amount             DECIMAL(19,2) NOT NULL,
    vat_amount         DECIMAL(19,2) NOT NULL DEFAULT 0,
    reference          VARCHAR(35),
    status             VARCHAR(20)   NOT NULL,
    -- projections of the journal, kept in the same transaction as the postings that change them
    principal_open     DECIMAL(19,2) NOT NULL,
    fee_open           DECIMAL(19,2) NOT NULL DEFAULT 0,
    interest_open      DECIMAL(19,2) NOT NULL DEFAULT 0,
    dunning_level      INT           NOT NULL DEFAULT 0,
    last_dunning_date  DATE,
    hold_reason        VARCHAR(500),
    hold_until         DATE,
    credits_invoice_id BIGINT,
    created_at         TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_invoice_no UNIQUE (invoice_no),
    CONSTRAINT fk_invoice_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);
CREATE INDEX ix_invoice_customer ON invoice (customer_id, status);
CREATE INDEX ix_invoice_reference ON invoice (reference);
CREATE INDEX ix_invoice_due ON invoice (status, due_date);

-- Append-only: rows are never updated or deleted; a correction is a REVERSAL posting.
CREATE TABLE posting (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id   BIGINT        NOT NULL,
    invoice_id    BIGINT,
    posting_date  DATE          NOT NULL,
    type          VARCHAR(20)   NOT NULL,
    amount        DECIMAL(19,2) NOT NULL,
    currency      CHAR(3)       NOT NULL,
    document_no   VARCHAR(60),
    text          VARCHAR(200),
    source        VARCHAR(40)   NOT NULL,
    idem_key      VARCHAR(190)  NOT NULL,
    reverses_id   BIGINT,
    created_at    TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_posting_idem UNIQUE (idem_key),
    CONSTRAINT fk_posting_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);
CREATE INDEX ix_posting_customer ON posting (customer_id, posting_date, id);
CREATE INDEX ix_posting_invoice ON posting (invoice_id);

-- How a payment or credit posting settles an invoice's components (fees, then interest, then principal).
CREATE TABLE allocation (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    posting_id      BIGINT        NOT NULL,
    invoice_id      BIGINT        NOT NULL,
    component       VARCHAR(10)   NOT NULL,
    amount          DECIMAL(19,2) NOT NULL,
    allocation_date DATE          NOT NULL,
    source          VARCHAR(40)   NOT NULL,
    idem_key        VARCHAR(190)  NOT NULL,
    created_at      TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_allocation_idem UNIQUE (idem_key),
    CONSTRAINT fk_allocation_posting FOREIGN KEY (posting_id) REFERENCES posting (id),
    CONSTRAINT fk_allocation_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
);
CREATE INDEX ix_allocation_posting ON allocation (posting_id);
CREATE INDEX ix_allocation_invoice ON allocation (invoice_id);

-- Who did what and why: manual actions, holds, escalations.
CREATE TABLE audit_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at TIMESTAMP     NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    action      VARCHAR(60)   NOT NULL,
    customer_id BIGINT,
    invoice_id  BIGINT,
    details     VARCHAR(2000)
);
CREATE INDEX ix_audit_customer ON audit_log (customer_id);
