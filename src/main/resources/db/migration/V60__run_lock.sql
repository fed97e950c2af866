-- Named locks that keep two processes from running the same work at once (e.g. the nightly job).
-- A run holds the row lock (SELECT ... FOR UPDATE) on its own connection for as long as it runs; when the
-- process dies, the database drops the connection and with it the lock, so a crash never leaves a stale lock.
CREATE TABLE run_lock (
    name VARCHAR(60) NOT NULL PRIMARY KEY
);
INSERT INTO run_lock (name) VALUES ('nightly');
