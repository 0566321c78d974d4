-- The reference table in MariaDB (or MySQL): the same columns as PostgreSQL's public.user_activities, in MariaDB
-- types. docker compose runs this file when it creates the server (profile mariadb); the local stack and the tests
-- run it too. dq-monitor names it monitoring.user_activities (db.table).
CREATE DATABASE IF NOT EXISTS monitoring;

CREATE TABLE IF NOT EXISTS monitoring.user_activities (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT,
    activity_type VARCHAR(32),
    amount        DECIMAL(12, 2),
    email         VARCHAR(255),
    details       JSON,
    created_at    TIMESTAMP(6) NULL DEFAULT CURRENT_TIMESTAMP(6)
);

-- The connector's user: what Debezium's MariaDB connector documents (read the tables, read the binlog, take the
-- snapshot's lock). dq-monitor's completeness check can use it too: it reads count(*) and SHOW STATUS.
CREATE USER IF NOT EXISTS 'debezium'@'%' IDENTIFIED BY 'dbz';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR, LOCK TABLES ON *.* TO 'debezium'@'%';
