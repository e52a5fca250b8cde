-- The incident list at size (Incidents/ListingQuery.cs): keyset pages in each order the lists
-- offer, so a deep page costs what the first does, and the search through a trigram index on the
-- listing's search text (title, place, summary, sources; case and accents folded by the service),
-- so "contains this text" is an index scan rather than a read of every listing.

-- pg_trgm ships with PostgreSQL's contrib (Debian's postgresql package) and is a trusted
-- extension: the schema's owner creates it when it may create in the database. Without it the
-- search still works, by reading the listings, and the owner is told.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
    RAISE WARNING 'pg_trgm could not be created (%): the incident search reads every listing', SQLERRM;
END;
$$;

-- Newest first, by date then id; within a country the same.
CREATE INDEX IF NOT EXISTS listing_by_date ON __schema__.mt_doc_incidentlisting (occurred_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS listing_by_country_date ON __schema__.mt_doc_incidentlisting (country, occurred_on DESC, id DESC);
-- Most killed first, the unreported last, then newest.
CREATE INDEX IF NOT EXISTS listing_by_toll ON __schema__.mt_doc_incidentlisting
    ((coalesce((data ->> 'killedBest')::int, -1)) DESC, occurred_on DESC, id DESC);

DO $$
DECLARE
    trgm name := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm');
BEGIN
    IF trgm IS NOT NULL THEN
        EXECUTE format('CREATE INDEX IF NOT EXISTS listing_search ON %s.mt_doc_incidentlisting USING gin ((data ->> %L) %I.gin_trgm_ops)',
            '__schema__', 'searchText', trgm);
    END IF;
END;
$$;
