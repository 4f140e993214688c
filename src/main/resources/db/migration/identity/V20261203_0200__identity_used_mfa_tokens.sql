-- The ids (jti) of MFA tokens that completed a login: an MFA token works once, not for its whole
-- lifetime. Rows are deleted once the token would have expired anyway.
CREATE TABLE identity_used_mfa_tokens (
    jti        VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX identity_used_mfa_tokens_expiry ON identity_used_mfa_tokens (expires_at);
