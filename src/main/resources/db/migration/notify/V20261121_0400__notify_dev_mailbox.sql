-- Mail captured instead of sent when kc.mail.mode=capture (embedded default)
CREATE TABLE notify_dev_mailbox (
    id         UUID PRIMARY KEY,
    recipient  VARCHAR(254) NOT NULL,
    subject    VARCHAR(500) NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notify_dev_mailbox_recipient ON notify_dev_mailbox (recipient, created_at);
