CREATE TABLE platform_idempotency_keys (
    scope        VARCHAR(200) NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    status       INTEGER      NOT NULL,
    content_type VARCHAR(200),
    location     VARCHAR(2000),
    etag         VARCHAR(200),
    body         TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX platform_idempotency_keys_expiry ON platform_idempotency_keys (expires_at);
