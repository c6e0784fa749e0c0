-- Passkeys (WebAuthn credentials) that people sign in to the web pages
-- with, for http.PasskeyStore, as in the SQLite store: kept here so that a
-- restart loses none and every server on the database knows each one. They
-- are not log material: a passkey grants no authority in any log (every
-- action is signed by a delegate key), and a record changes at each sign-in
-- (its signature counter). record is the web server's own JSON; actor is
-- kept beside it for listing and removal.
CREATE TABLE passkeys (
    id     bytea NOT NULL PRIMARY KEY CHECK (octet_length(id) BETWEEN 1 AND 1023),
    actor  text  NOT NULL,
    record bytea NOT NULL
);

CREATE INDEX passkeys_actor ON passkeys (actor);
