-- Passkeys (WebAuthn credentials) that people sign in to the web pages
-- with, for http.PasskeyStore. They are not log material: a passkey grants
-- no authority in any log (every action is signed by a delegate key), and a
-- record changes at each sign-in (its signature counter). record is the
-- web server's own JSON; actor is kept beside it for listing and removal.
CREATE TABLE passkeys (
    id     BLOB NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 1023),
    actor  TEXT NOT NULL,
    record BLOB NOT NULL
) WITHOUT ROWID;

CREATE INDEX passkeys_actor ON passkeys (actor);
