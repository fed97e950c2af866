-- Partitioned matching (docs/scaling.md): the routing of one matchStep run. Each OPEN transaction is routed to the
-- one customer its decision can touch (customer_id) or, with none or several, to the serial leftover phase
-- (customer_id NULL). A restart reuses the routing of the run it continues; a new run replaces it.
CREATE TABLE match_route (
    route_id       BIGINT NOT NULL,
    transaction_id BIGINT NOT NULL,
    customer_id    BIGINT,
    CONSTRAINT pk_match_route PRIMARY KEY (route_id, transaction_id)
);
CREATE INDEX ix_match_route_customer ON match_route (route_id, customer_id, transaction_id);
CREATE INDEX ix_match_route_transaction ON match_route (transaction_id);
