package sidekick.http.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful answer: the HTTP status and the JSON body (null for 204). */
public record ApiResult(int status, JsonNode body) {}
