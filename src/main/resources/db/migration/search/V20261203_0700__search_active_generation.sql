-- The index generation that search reads, and the embedding model of its vectors. After a switch of
-- the embedding model the previous generation stays active until every document is re-embedded
-- into the new one; then this row changes in one statement, and every replica follows within seconds.
-- No row: the current model's generation (a new installation).
CREATE TABLE search_active_generation (
    id           INTEGER PRIMARY KEY,
    generation   VARCHAR(200) NOT NULL,
    model_id     VARCHAR(200) NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT search_active_generation_one CHECK (id = 1)
);
