-- The send run that claimed a letter (PENDING to SENDING). When the claim's commit fails on the client's side (the
-- connection dropped), the server may still have committed it; the run then puts back only a claim of its own that
-- it has not handed over (LetterSender), instead of leaving the letter SENDING for a person.
ALTER TABLE letter ADD COLUMN claim_token VARCHAR(40) NULL;
