-- Every MariaDB type whose encoding the Debezium connector documents specially, for MariaDbIT's decoding test.
CREATE TABLE IF NOT EXISTS monitoring.all_types (
    id        INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    dec_col   DECIMAL(10, 3),
    dt_col    DATETIME(3),
    ts_col    TIMESTAMP(6) NULL,
    date_col  DATE,
    time_col  TIME(3),
    bool_col  TINYINT(1),
    enum_col  ENUM('small', 'medium', 'large'),
    set_col   SET('red', 'green', 'blue'),
    json_col  JSON,
    bit_col   BIT(10),
    big_u     BIGINT UNSIGNED,
    int_u     INT UNSIGNED,
    small_u   SMALLINT UNSIGNED,
    tiny_u    TINYINT UNSIGNED,
    year_col  YEAR
);
