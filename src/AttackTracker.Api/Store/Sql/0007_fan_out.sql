-- The webhook fan-out, in the commit that writes the notifications (docs/notifications.md): the
-- rows a statement inserts mark, for each incident, every subscription that wants them (created
-- by then, and matching its filter) as having work. A pair waiting out a backoff keeps its due
-- time. The dispatcher is woken at commit only when some pair was marked, so a store without
-- subscriptions pays no NOTIFY (which would serialize commits, ../shared/PERFORMANCE.md lever 1).
-- The cursor, not this mark, says what has been delivered, so marking twice is harmless.
CREATE OR REPLACE FUNCTION __schema__.fan_out_notifications() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO __schema__.webhook_cursors AS c (subscription_id, incident_id)
    SELECT s.id, r.incident_id
    FROM (SELECT n.incident_id, min(n.country) AS country, array_agg(DISTINCT n.kind) AS kinds, min(n.recorded_at) AS recorded_at
          FROM inserted n GROUP BY n.incident_id) r
    JOIN __schema__.webhook_subscriptions s
      ON s.created_at <= r.recorded_at
     AND (s.incident_ids IS NULL OR r.incident_id = ANY (s.incident_ids))
     AND (s.countries IS NULL OR r.country = ANY (s.countries))
     AND (s.kinds IS NULL OR s.kinds && r.kinds)
    ON CONFLICT (subscription_id, incident_id) DO UPDATE
    SET pending = true, wake = c.wake + 1,
        due_at = CASE WHEN c.pending AND c.attempts > 0 THEN c.due_at ELSE now() END;
    IF FOUND THEN
        PERFORM pg_notify('webhooks_' || TG_TABLE_SCHEMA, '');
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER fan_out AFTER INSERT ON __schema__.notifications
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION __schema__.fan_out_notifications();
