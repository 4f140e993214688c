-- Names, types and sizes of the attachments of a captured mail (JSON array; the bytes are not kept)
ALTER TABLE notify_dev_mailbox ADD COLUMN attachments TEXT;

-- A user's notification choices; no row = defaults (everything off)
CREATE TABLE notify_preferences (
    user_id       UUID PRIMARY KEY,
    weekly_digest BOOLEAN NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Digest mails already sent, by job and user: a digest job that runs again (crash, retry) skips them
CREATE TABLE notify_digest_deliveries (
    job_id  UUID NOT NULL,
    user_id UUID NOT NULL,
    sent_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_id, user_id)
);
