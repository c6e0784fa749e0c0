-- Sign-ins (logstore.SignInStore): sessions open and the marks of passkey
-- ceremonies finished, kept here so that every server on the store knows
-- each (a session is honoured by all, signing out ends it on all, and a
-- ceremony's answer is taken once whichever server is asked) and a restart
-- signs no one out. id is the SHA-256 of the cookie's secret, never the
-- secret; record is the web server's own JSON. The indexes serve the
-- removal of the expired and the bounds (the live sign-ins of a kind, and
-- of a principal, by expiry).
CREATE TABLE signins (
    id      BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 32),
    kind    TEXT    NOT NULL CHECK (kind IN ('ceremony', 'session')),
    principal TEXT  NOT NULL,
    expires INTEGER NOT NULL, -- Unix nanoseconds
    record  BLOB    NOT NULL
) WITHOUT ROWID;
CREATE INDEX signins_expires ON signins (kind, expires);
CREATE INDEX signins_principal ON signins (kind, principal, expires);
