package io.tokenomics.pricing.domain;

/** How the accelerators are paid for: bought and amortized ({@code OWN}) or rented by the GPU-hour ({@code RENT}). */
public enum AcquisitionPath {
    OWN, RENT
}
