package io.tokenomics.catalog.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures derived from a model architecture and stored with each revision.
 * <p>
 * Parameters count every weight matrix: embeddings, attention projections (MLA: the low-rank q/kv projections),
 * dense FFNs (gated: 3 matrices), experts (3 matrices each), routers and RMSNorm weights; biases, QK-norms and
 * attention sinks are ignored (well under 0.1 %). Two active counts are given because vendors publish either:
 * {@code activeParameters} excludes the input-embedding table (a lookup reads one row per token; gpt-oss model card
 * convention) while {@code activeParametersWithEmbedding} counts it too (Mistral, Qwen convention).
 * <p>
 * KV-cache bytes per token (all layers): standard attention stores K and V of each KV head,
 * {@code layers x 2 x kvHeads x headDim x bytes}; MLA stores the compressed latent plus the decoupled RoPE key,
 * {@code layers x (kvLoraRank + qkRopeHeadDim) x bytes}. Sliding-window layers are counted like full ones (their
 * cache stops growing past the window; that cap is the simulator's business).
 */
public record ModelDerivation(
        long totalParameters,
        long activeParameters,
        long activeParametersWithEmbedding,
        long embeddingParameters,
        Map<String, Long> kvBytesPerToken) {

    /** {@code null} when the spec carries no architecture (API-only entries). */
    public static ModelDerivation of(ModelSpec m) {
        if (!m.hasArchitecture()) {
            return null;
        }
        long h = m.hiddenSize();
        int layers = m.layers();
        long attention = attentionParameters(m) + 2 * h; // + input and post-attention RMSNorm
        long dense = m.ffnSize() == null ? 0 : 3 * h * m.ffnSize();
        long total = 0;
        long active = 0;
        int firstDense = m.firstDenseLayers() == null ? 0 : m.firstDenseLayers();
        int interval = m.moeLayerInterval() == null ? 1 : m.moeLayerInterval();
        for (int layer = 0; layer < layers; layer++) {
            boolean moeLayer = m.moe() && layer >= firstDense && (layer + 1) % interval == 0;
            if (moeLayer) {
                long expert = 3 * h * m.expertFfnSize();
                long shared = (m.sharedExperts() == null ? 0 : m.sharedExperts()) * expert;
                long router = h * m.routedExperts();
                total += attention + m.routedExperts() * expert + shared + router;
                active += attention + (long) m.activeExperts() * expert + shared + router;
            } else {
                total += attention + dense;
                active += attention + dense;
            }
        }
        long embedding = (long) m.vocabSize() * h;
        long head = Boolean.TRUE.equals(m.tiedEmbeddings()) ? 0 : embedding;
        long finalNorm = h;
        total += embedding + head + finalNorm;
        active += head + finalNorm;
        return new ModelDerivation(total, active, active + embedding, embedding, kvBytes(m));
    }

    private static long attentionParameters(ModelSpec m) {
        long h = m.hiddenSize();
        long heads = m.heads();
        if (m.attention() == ModelSpec.AttentionKind.MLA) {
            long qkHead = m.qkNopeHeadDim() + m.qkRopeHeadDim();
            long q = m.qLoraRank() == null
                    ? h * heads * qkHead
                    : h * m.qLoraRank() + m.qLoraRank() + (long) m.qLoraRank() * heads * qkHead;
            long kv = h * (m.kvLoraRank() + m.qkRopeHeadDim()) + m.kvLoraRank()
                    + (long) m.kvLoraRank() * heads * (m.qkNopeHeadDim() + m.vHeadDim());
            long o = heads * m.vHeadDim() * h;
            return q + kv + o;
        }
        long headDim = headDim(m);
        long kvHeads = m.kvHeads() == null ? heads : m.kvHeads();
        return h * heads * headDim + 2 * h * kvHeads * headDim + heads * headDim * h;
    }

    private static long headDim(ModelSpec m) {
        return m.headDim() != null ? m.headDim() : m.hiddenSize() / m.heads();
    }

    private static Map<String, Long> kvBytes(ModelSpec m) {
        long elementsPerToken;
        if (m.attention() == ModelSpec.AttentionKind.MLA) {
            elementsPerToken = (long) m.layers() * (m.kvLoraRank() + m.qkRopeHeadDim());
        } else {
            long kvHeads = m.kvHeads() == null ? m.heads() : m.kvHeads();
            elementsPerToken = (long) m.layers() * 2 * kvHeads * headDim(m);
        }
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (NumberFormat f : new NumberFormat[] {NumberFormat.FP32, NumberFormat.BF16, NumberFormat.FP8, NumberFormat.FP4}) {
            bytes.put(f.name(), Math.round(elementsPerToken * f.bytes()));
        }
        return bytes;
    }
}
