-- The MariaDB activity simulator of the docker compose stack (profile mariadb): one insert (about one in ten
-- breaking a rule), now and then an update of a recent row or a delete of an older one; the mariadb client runs it
-- in a loop five times a second.
SET @type = ELT(1 + FLOOR(RAND() * 4), 'login', 'logout', 'purchase', 'profile_update');
SET @user = 1 + FLOOR(RAND() * 5000);
SET @defect = IF(RAND() < 0.1, FLOOR(RAND() * 5), NULL);
INSERT INTO monitoring.user_activities (user_id, activity_type, amount, email, details)
VALUES (IF(@defect = 0, NULL, @user), IF(@defect = 1, 'unknown_action', @type),
        CASE WHEN @defect = 2 THEN -ROUND(RAND() * 100, 2) WHEN @defect = 3 THEN NULL
             WHEN @type = 'purchase' THEN ROUND(1 + RAND() * 499, 2) END,
        IF(@defect = 4, 'not-an-email', CONCAT('user', @user, '@example.com')),
        JSON_OBJECT('source', 'simulator', 'defect', @defect));
UPDATE monitoring.user_activities SET email = CONCAT('user', user_id, '+', FLOOR(RAND() * 100), '@example.com')
 WHERE RAND() < 0.3 AND id = (SELECT newest FROM (SELECT MAX(id) - FLOOR(RAND() * 20) AS newest
                                                  FROM monitoring.user_activities) AS n);
DELETE FROM monitoring.user_activities
 WHERE RAND() < 0.05 AND id = (SELECT oldest FROM (SELECT MAX(id) - 20 - FLOOR(RAND() * 20) AS oldest
                                                   FROM monitoring.user_activities) AS n);
