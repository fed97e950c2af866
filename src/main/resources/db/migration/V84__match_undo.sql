-- Undoing a match (reskontro unmatched undo): how many times a person has undone this transaction's match or its
-- IGNORED mark. A transaction undone once or more is left to people: the matching job does not read it again (it
-- would only make the same decision), and the payment posting its next manual action writes is keyed
-- bank-tx:<id>/<round>, since the key bank-tx:<id> already names the posting that was reversed.
ALTER TABLE bank_transaction ADD COLUMN match_round INT NOT NULL DEFAULT 0;
