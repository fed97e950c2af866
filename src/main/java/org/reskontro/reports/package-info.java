/**
 * Reports on the customer ledger: the aging analysis, the reconciliation (avstemming) of the ledger against
 * the posting journal and the bank statements, key figures and the loss provision, and their renderers to
 * terminal tables, CSV and self-contained HTML pages with inline SVG charts. Spring-free; the queries live in
 * {@code jdbc}.
 */
package org.reskontro.reports;
