-- Per-workspace hybrid fusion settings (absent row = the kc.search.* defaults).
CREATE TABLE search_tunings (
    workspace_id   UUID PRIMARY KEY,
    fusion         VARCHAR(16)      NOT NULL,
    rrf_k          INTEGER          NOT NULL,
    keyword_weight DOUBLE PRECISION NOT NULL,
    updated_by     UUID             NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
