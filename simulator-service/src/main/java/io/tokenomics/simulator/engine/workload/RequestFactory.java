package io.tokenomics.simulator.engine.workload;

import java.util.List;
import java.util.random.RandomGenerator;

/** Draws a request's class, lengths and prefix group from the class mix. */
public final class RequestFactory {
    private final List<RequestClass> classes;
    private final double[] cumulative;
    private final RandomGenerator rng;

    public RequestFactory(List<RequestClass> classes, RandomGenerator rng) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one request class");
        }
        this.classes = List.copyOf(classes);
        this.rng = rng;
        this.cumulative = new double[classes.size()];
        double total = classes.stream().mapToDouble(RequestClass::weight).sum();
        double s = 0;
        for (int i = 0; i < classes.size(); i++) {
            s += classes.get(i).weight();
            cumulative[i] = s / total;
        }
        cumulative[classes.size() - 1] = 1;
    }

    public List<RequestClass> classes() {
        return classes;
    }

    public int drawClass() {
        if (cumulative.length == 1) {
            return 0;
        }
        double u = rng.nextDouble();
        int i = 0;
        while (cumulative[i] < u) {
            i++;
        }
        return i;
    }

    public Request create(long id, double arrival) {
        return create(id, arrival, drawClass());
    }

    public Request create(long id, double arrival, int classIndex) {
        RequestClass c = classes.get(classIndex);
        int input = c.inputTokens().sample(rng);
        int output = c.outputTokens().sample(rng);
        if (c.prefixGroups() > 0 && c.sharedPrefixTokens() > 0) {
            int group = c.prefixGroups() == 1 ? 0 : rng.nextInt(c.prefixGroups());
            int shared = Math.min(c.sharedPrefixTokens(), input);
            long prefixId = ((long) classIndex << 32) | group;
            return new Request(id, arrival, input, output, classIndex, prefixId, shared, shared, -1);
        }
        return Request.plain(id, arrival, input, output, classIndex);
    }
}
