-- The reference table of dq-monitor. docker compose runs this file when it creates the database; the local stack and the tests run it too.
CREATE TABLE IF NOT EXISTS public.user_activities (
    id            bigserial PRIMARY KEY,
    user_id       bigint,
    activity_type text,
    amount        numeric(12, 2),
    email         text,
    details       jsonb,
    created_at    timestamptz DEFAULT now()
);

-- Full before images, so that change-aware rules (immutable, transitions, ...) can see what an update changed.
ALTER TABLE public.user_activities REPLICA IDENTITY FULL;
