package io.tokenomics.simulator.engine.model;

/**
 * A decoder-only transformer as its {@code config.json} describes it (the columns of {@code models.csv}; the catalog
 * supplies the same fields later). Sizes are counts of values, not bytes.
 *
 * @param denseIntermediateSize FFN width of dense layers (gate, up and down projections; SwiGLU)
 * @param expertIntermediateSize FFN width of one routed or shared expert (0 for a dense model)
 * @param routedExperts         routed experts per MoE layer (0 for a dense model)
 * @param sharedExperts         always-active experts per MoE layer
 * @param expertsPerToken       routed experts each token visits (top-k)
 * @param firstDenseLayers      leading layers with a dense FFN before the MoE layers start
 * @param moeLayerInterval      1 when every remaining layer is MoE, 2 when every second one is (Llama 4 Maverick)
 * @param kvLoraRank            MLA compressed KV width (0 when the model has no MLA)
 * @param qLoraRank             MLA compressed query width (0 for a direct query projection)
 * @param qkNopeHeadDim         MLA per-head query/key width without rotary part
 * @param qkRopeHeadDim         MLA rotary key width (shared by all heads, cached next to the latent)
 * @param vHeadDim              MLA per-head value width
 * @param slidingWindow         window of sliding-window layers (0 when none)
 * @param slidingWindowLayers   how many layers use the sliding window
 */
public record ModelArchitecture(String name, int hiddenSize, int layers, int attentionHeads, int kvHeads, int headDim,
                                int denseIntermediateSize, int expertIntermediateSize, int vocabSize,
                                int routedExperts, int sharedExperts, int expertsPerToken, int firstDenseLayers,
                                int moeLayerInterval, int kvLoraRank, int qLoraRank, int qkNopeHeadDim,
                                int qkRopeHeadDim, int vHeadDim, int slidingWindow, int slidingWindowLayers,
                                boolean tiedEmbeddings) {

    public ModelArchitecture {
        if (hiddenSize <= 0 || layers <= 0 || attentionHeads <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException(name + ": hidden size, layers, heads and vocabulary must be positive");
        }
        if (kvLoraRank <= 0 && (kvHeads <= 0 || headDim <= 0)) {
            throw new IllegalArgumentException(name + ": KV heads and head dim must be positive without MLA");
        }
        if (routedExperts > 0 && (expertsPerToken <= 0 || expertsPerToken > routedExperts || expertIntermediateSize <= 0)) {
            throw new IllegalArgumentException(name + ": MoE needs 0 < top-k <= experts and an expert width");
        }
        if (moeLayerInterval <= 0) {
            throw new IllegalArgumentException(name + ": MoE layer interval must be positive");
        }
    }

    /** A dense Llama-style model (GQA, SwiGLU), convenient for tests and hand-made scenarios. */
    public static ModelArchitecture dense(String name, int hidden, int layers, int heads, int kvHeads, int headDim,
                                          int intermediate, int vocab) {
        return new ModelArchitecture(name, hidden, layers, heads, kvHeads, headDim, intermediate, 0, vocab, 0, 0, 0,
                0, 1, 0, 0, 0, 0, 0, 0, 0, false);
    }

    public boolean usesMla() {
        return kvLoraRank > 0;
    }

    public boolean isMoe() {
        return routedExperts > 0;
    }

    public int moeLayers() {
        return isMoe() ? (layers - firstDenseLayers) / moeLayerInterval : 0;
    }

    public int denseLayers() {
        return layers - moeLayers();
    }

    /** Per-head query/key width (MLA: no-rope plus rope part). */
    public int queryKeyHeadDim() {
        return usesMla() ? qkNopeHeadDim + qkRopeHeadDim : headDim;
    }

    /** Per-head value width. */
    public int valueHeadDim() {
        return usesMla() ? vHeadDim : headDim;
    }

    /** Weights of one layer's attention block (projections only). */
    public double attentionParametersPerLayer() {
        double h = hiddenSize;
        double hq = attentionHeads;
        if (usesMla()) {
            double q = qLoraRank > 0 ? h * qLoraRank + (double) qLoraRank * hq * queryKeyHeadDim()
                    : h * hq * queryKeyHeadDim();
            double kvA = h * (kvLoraRank + qkRopeHeadDim);
            double kvB = (double) kvLoraRank * hq * (qkNopeHeadDim + vHeadDim);
            double o = hq * vHeadDim * h;
            return q + kvA + kvB + o;
        }
        return h * hq * headDim + 2.0 * h * kvHeads * headDim + hq * headDim * h;
    }

    public double denseFfnParameters() {
        return 3.0 * hiddenSize * denseIntermediateSize;
    }

    public double expertParameters() {
        return 3.0 * hiddenSize * expertIntermediateSize;
    }

    public double embeddingParameters() {
        return (double) vocabSize * hiddenSize * (tiedEmbeddings ? 1 : 2);
    }

    /** Every weight (embeddings, attention, FFN and experts, routers); norms are negligible and left out. */
    public double totalParameters() {
        double moeLayer = routedExperts * expertParameters() + sharedExperts * expertParameters()
                + (double) hiddenSize * routedExperts;
        return embeddingParameters() + layers * attentionParametersPerLayer()
                + denseLayers() * denseFfnParameters() + moeLayers() * moeLayer;
    }

    /** Weights one token touches: embeddings row excluded, LM head included, top-k plus shared experts. */
    public double activeParametersPerToken() {
        double moeLayer = (expertsPerToken + sharedExperts) * expertParameters() + (double) hiddenSize * routedExperts;
        return (double) vocabSize * hiddenSize + layers * attentionParametersPerLayer()
                + denseLayers() * denseFfnParameters() + moeLayers() * moeLayer;
    }

    /** Matmul FLOPs per token from weights (2 per active weight), attention over the context excluded. */
    public double weightFlopsPerToken() {
        return 2.0 * activeParametersPerToken();
    }

    /** Values cached per token per layer: K and V of each KV head, or the MLA latent plus the shared rope key. */
    public int kvValuesPerTokenPerLayer() {
        return usesMla() ? kvLoraRank + qkRopeHeadDim : 2 * kvHeads * headDim;
    }
}
