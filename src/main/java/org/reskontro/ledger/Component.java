package org.reskontro.ledger;

/** The parts of a claim, in the order a payment settles them (fees, then interest, then principal). */
public enum Component {
    FEE, INTEREST, PRINCIPAL
}
