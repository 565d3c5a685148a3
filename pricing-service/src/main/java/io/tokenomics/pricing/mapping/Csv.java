package io.tokenomics.pricing.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.util.List;

/** Flat row records to RFC 4180 CSV with a header line, by jackson-dataformat-csv (columns in record order). */
public final class Csv {
    public static final String MEDIA_TYPE = "text/csv";
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .build();

    private Csv() {
    }

    public static <T> String write(Class<T> rowType, List<T> rows) {
        CsvSchema schema = MAPPER.schemaFor(rowType).withHeader().withColumnReordering(false);
        try {
            return MAPPER.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV of " + rowType.getSimpleName(), e);
        }
    }
}
