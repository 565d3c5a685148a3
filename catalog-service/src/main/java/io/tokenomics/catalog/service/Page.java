package io.tokenomics.catalog.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** One page of a list; {@code nextCursor} is null on the last page. */
public record Page(List<ObjectNode> items, String nextCursor) {
}
