package io.tokenomics.catalog.domain;

import java.util.Arrays;
import java.util.List;

/** The kinds of catalog entity. {@code entity} is the name in events and the database, {@code path} the API path. */
public enum CatalogKind {
    ACCELERATOR("accelerator", "accelerators", AcceleratorSpec.class),
    SYSTEM("system", "systems", SystemSpec.class),
    MODEL("model", "models", ModelSpec.class),
    QUANTIZATION("quantization", "quantizations", QuantizationSpec.class);

    private final String entity;
    private final String path;
    private final Class<? extends CatalogSpec> specType;

    CatalogKind(String entity, String path, Class<? extends CatalogSpec> specType) {
        this.entity = entity;
        this.path = path;
        this.specType = specType;
    }

    public String entity() {
        return entity;
    }

    public String path() {
        return path;
    }

    public Class<? extends CatalogSpec> specType() {
        return specType;
    }

    /** The spec's fields in declaration order: the columns of compare and CSV export. */
    public List<String> fields() {
        return Arrays.stream(specType.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
