/**
 * Letters to customers: the data of a dunning letter, its rendering (Thymeleaf HTML and text, PDF) and the
 * transactional outbox they go through. Spring-free; adapters in sub-packages.
 */
package org.reskontro.letters;
