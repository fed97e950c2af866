-- A returned payment (reversal) whose end-to-end id finds no original is looked up by bank reference, reference or
-- payer account together with the amount (Reversals.findOriginal). bank_reference and payer_account have no index of
-- their own, so each such look-up scanned the whole table: 70 s for the reversals of a 1,000,000-payment night. The
-- amount narrows every one of those look-ups to a few rows, with one index instead of two.
CREATE INDEX ix_bank_transaction_amount ON bank_transaction (amount);
