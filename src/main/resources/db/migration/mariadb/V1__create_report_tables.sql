-- whatsapp-report-receiver, schema version 1, MariaDB and MySQL.
-- The same tables exist for H2 and PostgreSQL beside this folder; docs in README.md, "Schema".
-- Every time is UTC, in a DATETIME (which, unlike TIMESTAMP, is not shifted by the session's time zone).
-- utf8mb4_bin: ids are case-sensitive (WhatsApp's ids mix cases), so the unique key must be too.

CREATE TABLE whatsapp_channel (
    bsp            VARCHAR(32)   NOT NULL,
    channel_id     VARCHAR(64)   NOT NULL,
    password_hash  VARCHAR(255)  NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    updated_at     DATETIME(3)   NOT NULL,
    CONSTRAINT whatsapp_channel_pk PRIMARY KEY (bsp, channel_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE message_report (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    bsp            VARCHAR(32)   NOT NULL,
    channel_id     VARCHAR(64)   NOT NULL,
    gs_id          VARCHAR(128)  NOT NULL,
    message_id     VARCHAR(128),
    destination    VARCHAR(64)   NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    status_time    DATETIME(3),
    report_time    DATETIME(3)   NOT NULL,
    received_at    DATETIME(3)   NOT NULL,
    error_code     VARCHAR(32),
    error_reason   VARCHAR(2000),
    raw_report     MEDIUMTEXT,
    CONSTRAINT message_report_pk PRIMARY KEY (id),
    CONSTRAINT message_report_event_uq UNIQUE (bsp, channel_id, gs_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
