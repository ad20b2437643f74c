-- RFC 8785 canonical JSON of a jsonb value, so PostgreSQL can render whole access-log events
-- for exports and the live verifier (lib/audit/event-rows.ts: CANONICAL_EVENT_SQL) instead of
-- handing Node a million rows of objects. Object keys sorted by code point (COLLATE "C"),
-- strings escaped by to_json (exactly as JSON.stringify), arrays in order. Numbers are written
-- as jsonb keeps them, which differs from ECMAScript's form for some (1.0, 1e3): callers check
-- every rendering against the stored leaf hash and fall back to JavaScript on any difference,
-- so this function can only ever be a faster way to the same bytes, never a different answer.
CREATE FUNCTION custody_canonical_json(j jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(j)
    WHEN 'object' THEN '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' || custody_canonical_json(v), ',' ORDER BY k COLLATE "C")
                                          FROM jsonb_each(j) AS t(k, v)), '') || '}'
    WHEN 'array' THEN '[' || coalesce((SELECT string_agg(custody_canonical_json(v), ',' ORDER BY n)
                                         FROM jsonb_array_elements(j) WITH ORDINALITY AS t(v, n)), '') || ']'
    ELSE j::text
  END
$$;
