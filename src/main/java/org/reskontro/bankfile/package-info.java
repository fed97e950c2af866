/**
 * Bank files: camt.053/camt.054 (ISO 20022), Nets OCR giro and Bankgirot BgMax, read streaming into one
 * model (statements of transactions). Spring-free; the import job lives in {@code bankfile.batch} and
 * {@code bankfile.jdbc}.
 */
package org.reskontro.bankfile;
