/**
 * Spring-free building blocks shared by the features: money amounts, CSV reading, check digits.
 */
package org.reskontro.common;
