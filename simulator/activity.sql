-- The activity simulator of the docker compose stack: psql runs this statement five times a second (\watch).
-- Each run inserts one user activity (about one in ten breaks one rule of the shipped rule set), and now and then
-- updates a recent row (sometimes changing its immutable user_id) or deletes an older one.
-- The integration tests run the same statement to feed the dashboards.
WITH pick AS (
    SELECT (ARRAY['login', 'logout', 'purchase', 'profile_update'])[1 + floor(random() * 4)::int] AS type,
           1 + floor(random() * 5000)::bigint AS user_id,
           CASE WHEN random() < 0.1 THEN floor(random() * 5)::int END AS defect
),
inserted AS (
    INSERT INTO public.user_activities (user_id, activity_type, amount, email, details)
    SELECT CASE WHEN defect = 0 THEN NULL ELSE user_id END,
           CASE WHEN defect = 1 THEN 'unknown_action' ELSE type END,
           CASE WHEN defect = 2 THEN -round((random() * 100)::numeric, 2)
                WHEN defect = 3 THEN NULL
                WHEN type = 'purchase' THEN round((1 + random() * 499)::numeric, 2) END,
           CASE WHEN defect = 4 THEN 'not-an-email' ELSE 'user' || user_id || '@example.com' END,
           jsonb_build_object('source', 'simulator', 'defect', defect)
    FROM pick
    RETURNING id
),
updated AS (
    UPDATE public.user_activities
    SET email = 'user' || user_id || '+' || floor(random() * 100)::int || '@example.com',
        user_id = CASE WHEN random() < 0.1 THEN user_id + 1 ELSE user_id END
    WHERE random() < 0.3 AND id = (SELECT max(id) - floor(random() * 20)::bigint FROM public.user_activities)
    RETURNING id
),
deleted AS (
    DELETE FROM public.user_activities
    WHERE random() < 0.05 AND id = (SELECT max(id) - 20 - floor(random() * 20)::bigint FROM public.user_activities)
    RETURNING id
)
SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM updated) AS updated,
       (SELECT count(*) FROM deleted) AS deleted
\watch 0.2
