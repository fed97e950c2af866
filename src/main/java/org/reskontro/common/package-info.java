/**
 * Spring-free building blocks shared by the features: money amounts, CSV reading, check digits, helper threads.
 */
package org.reskontro.common;
