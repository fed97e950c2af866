/**
 * Dunning: the policy (levels, days, fees, channels), the Norwegian and Swedish legal rule packs with their
 * dated values, the customer snapshot, the pure decide function and late-interest calculation. Spring-free;
 * the batch job, the JDBC adapters and the configuration live in sub-packages.
 */
package org.reskontro.dunning;
