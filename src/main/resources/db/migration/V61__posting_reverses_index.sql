-- Credits on account exclude payments the bank returned: find a payment's reversal by reverses_id.
CREATE INDEX ix_posting_reverses ON posting (reverses_id);
