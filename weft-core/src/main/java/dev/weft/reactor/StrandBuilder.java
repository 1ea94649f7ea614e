package dev.weft.reactor;

import dev.weft.platform.CpuSet;

/**
 * Collects the settings of a {@link Strand}: made by {@link Strand#builder(String)}, used once by {@link #build()}.
 * Not thread-safe; each setter throws {@code IllegalArgumentException} naming the strand and the value at fault.
 */
public final class StrandBuilder {
    final String name;
    CpuSet cpuMask;
    double weight = 1.0;
    int numaNode = -1;
    boolean internal;

    StrandBuilder(final String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a strand name must not be blank");
        }
        this.name = name;
    }

    /**
     * Restricts the strand to reactors on these CPUs.
     *
     * @param mask the CPUs, not empty
     * @return this builder
     */
    public StrandBuilder cpuMask(final CpuSet mask) {
        if (mask.isEmpty()) {
            throw new IllegalArgumentException("strand '" + name + "': the CPU mask is empty");
        }
        this.cpuMask = mask;
        return this;
    }

    /**
     * Sets the weight placement charges (MTL's quota; fractional or zero for light strands).
     *
     * @param value the weight, finite and not negative
     * @return this builder
     */
    public StrandBuilder weight(final double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "strand '" + name + "': weight " + value + " is not a finite number >= 0");
        }
        this.weight = value;
        return this;
    }

    /**
     * Sets the preferred NUMA node.
     *
     * @param node the node, or -1 for none
     * @return this builder
     */
    public StrandBuilder numaNode(final int node) {
        if (node < -1) {
            throw new IllegalArgumentException("strand '" + name + "': NUMA node " + node + " is below -1");
        }
        this.numaNode = node;
        return this;
    }

    /**
     * Marks the strand as weft's own machinery (the balancing round's), which SPDK's methods do not list as a
     * thread.
     *
     * @return this builder
     */
    public StrandBuilder internal() {
        this.internal = true;
        return this;
    }

    /**
     * Returns the strand.
     *
     * @return a new, unplaced strand
     */
    public Strand build() {
        return new Strand(this);
    }
}
