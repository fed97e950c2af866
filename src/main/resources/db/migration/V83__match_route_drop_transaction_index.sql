-- Every look-up of match_route names the route, so the primary key (route_id, transaction_id) serves it; the index
-- on transaction_id alone served none, and cost an index entry for each of the million routes a large night inserts.
DROP INDEX ix_match_route_transaction ON match_route;
