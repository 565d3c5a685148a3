package io.tokenomics.simulator.service;

/** Thrown from a progress report when the job was cancelled (or deleted) while its unit ran. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException(String jobId) {
        super("simulation " + jobId + " was cancelled", null, false, false);
    }
}
