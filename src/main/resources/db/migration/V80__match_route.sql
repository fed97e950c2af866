-- Partitioned matching (docs/scaling.md): the routing of one matchStep run. Each OPEN transaction is routed to the
-- one customer its decision can touch (customer_id) or, with none or several, to the serial leftover phase
-- (customer_id NULL). decided: the transaction's decision is committed (matched, or left open for people), so a
-- restart continues after it instead of deciding it again with what later transactions changed. A restart reuses
-- the routing of the run it continues; a new run replaces it.
CREATE TABLE match_route (
    route_id       BIGINT NOT NULL,
    transaction_id BIGINT NOT NULL,
    customer_id    BIGINT,
    decided        BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_match_route PRIMARY KEY (route_id, transaction_id)
);
CREATE INDEX ix_match_route_customer ON match_route (route_id, customer_id, transaction_id);
CREATE INDEX ix_match_route_transaction ON match_route (transaction_id);
