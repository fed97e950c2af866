-- The transactional outbox of letters: a dunning run stores each letter in the same transaction as the
-- escalation it belongs to; the send step delivers pending ones.
CREATE TABLE letter (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    idem_key        VARCHAR(190)  NOT NULL,
    customer_id     BIGINT        NOT NULL,
    kind            VARCHAR(30)   NOT NULL,           -- DUNNING
    level           INT,
    business_date   DATE          NOT NULL,
    language        CHAR(2)       NOT NULL,
    channel         VARCHAR(10)   NOT NULL,           -- EMAIL or PRINT
    recipient       VARCHAR(254),
    subject         VARCHAR(200),
    body_text       LONGTEXT,
    body_html       LONGTEXT,
    pdf             LONGBLOB,
    payload         LONGTEXT,                         -- the letter's data as JSON, for re-rendering and audit
    status          VARCHAR(20)   NOT NULL,           -- PENDING, SENDING, SENT, PRINTED, FAILED
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP     NULL,
    last_error      VARCHAR(1000),
    message_id      VARCHAR(250),
    sent_at         TIMESTAMP     NULL,
    created_at      TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_letter_idem UNIQUE (idem_key)
);
CREATE INDEX ix_letter_status ON letter (status, next_attempt_at);
CREATE INDEX ix_letter_customer ON letter (customer_id);
