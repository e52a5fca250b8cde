-- The service switches to attacktracker_service at connection start (-c role=…). A login role
-- that is not a superuser may only do that as a member of it: make the migrating login one.
DO $$
BEGIN
    EXECUTE format('GRANT attacktracker_service TO %I', current_user);
EXCEPTION WHEN unique_violation THEN
    NULL; -- another instance granted it at the same moment
WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE NOTICE 'could not grant attacktracker_service to %; grant it by hand to the role the service logs in as', current_user;
END;
$$;
