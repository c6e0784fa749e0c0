-- Webhook leases: with several servers on one database, only the holder of
-- a subscription's lease delivers it, until the lease expires; where its
-- deliveries stand (the next entry, retries) is kept with the lease, so a
-- server that takes over resumes where the last holder stopped. Times are
-- Unix nanoseconds, 0 for none; holder is empty once released.
CREATE TABLE webhook_leases (
    webhook      text   COLLATE "C" PRIMARY KEY REFERENCES webhooks (id) ON DELETE CASCADE,
    holder       text   NOT NULL,
    until        bigint NOT NULL,
    next         bigint NOT NULL CHECK (next >= 0),
    delivered    bigint NOT NULL,
    dropped      bigint NOT NULL,
    attempts     integer NOT NULL,
    retry_at     bigint NOT NULL,
    last_attempt bigint NOT NULL,
    last_status  integer NOT NULL,
    last_error   text   NOT NULL
);
-- The per-owner webhook limit counts a pact's subscriptions of one owner.
CREATE INDEX webhooks_pact_owner ON webhooks (pact, owner);
CREATE INDEX drafts_actor ON drafts (actor, expires);
