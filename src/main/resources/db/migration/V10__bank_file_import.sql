-- Bank file import (issue 3): the business date a file was imported for, and the look-up of the last
-- electronic sequence number per account (gap warnings).
ALTER TABLE bank_file ADD COLUMN business_date DATE;
CREATE INDEX ix_bank_statement_account_seq ON bank_statement (account, sequence_no);
