/**
 * Payment matching: the rule pipeline that decides, for each incoming bank transaction, which open invoices it
 * pays, or leaves it for a person with ranked suggestions. Spring-free and pure; the open-invoice index is
 * loaded once per run by {@code jdbc} and the decisions are written in batches by {@code jdbc}/{@code batch}.
 */
package org.reskontro.matching;
