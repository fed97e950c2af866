/**
 * The customer ledger (kundereskontro): customers, invoices and credit notes, the append-only posting
 * journal and the allocations that settle open items. Spring-free; adapters live in {@code jdbc} and
 * {@code batch}.
 */
package org.reskontro.ledger;
