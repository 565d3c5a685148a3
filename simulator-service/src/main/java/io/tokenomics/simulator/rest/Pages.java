package io.tokenomics.simulator.rest;

import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.simulator.service.JobEvents;
import io.tokenomics.simulator.service.SimulationService;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** Response shapes shared by the resources: paged lists, CSV downloads, SSE events. */
final class Pages {
    private Pages() {
    }

    /** The items as a JSON array; the next page in {@code Link: <...>; rel="next"} and {@code X-Next-Cursor}. */
    static Response response(SimulationService.Page<?> page, UriInfo uriInfo) {
        Response.ResponseBuilder response = Response.ok(page.items());
        if (page.nextCursor() != null) {
            String next = uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build()
                    .getRawPath() + "?" + uriInfo.getRequestUriBuilder()
                    .replaceQueryParam("cursor", page.nextCursor()).build().getRawQuery();
            response.header("Link", "<" + next + ">; rel=\"next\"").header("X-Next-Cursor", page.nextCursor());
        }
        return response.build();
    }

    static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            if (format.equals("csv")) {
                return true;
            }
            if (format.equals("json")) {
                return false;
            }
            throw new InvalidFieldException("format", "csv or json");
        }
        return accept != null && accept.contains(SimulationResource.CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    static Response csv(String body, String filename) {
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    static OutboundSseEvent sse(Sse sse, JobEvents.Update update) {
        return sse.newEventBuilder().name(update.event()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(update.data().toString()).build();
    }
}
