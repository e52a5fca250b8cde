-- Streams are created by append_events (SECURITY DEFINER) too: the service needs no INSERT on
-- them, and without it cannot pre-create a stream row with a version or head of its choosing.
REVOKE INSERT ON __schema__.streams FROM attacktracker_service;
