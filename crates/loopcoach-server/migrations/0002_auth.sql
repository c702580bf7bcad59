-- Browser sign-in, login rate limiting, token bookkeeping (issue 21). A shipped migration is
-- never edited: add a new file.

-- Idle expiry: a session unused for a while ends even before its absolute expiry.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX sessions_user ON sessions (user_id);

-- When a token was last used (updated at most once a minute), for `admin tokens`.
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMPTZ;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Sign-in attempts not (yet) known to have succeeded, for rate limiting that every server
-- copy sees. A success deletes its email's rows; rows past the window are deleted as attempts are counted.
CREATE TABLE login_attempts (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      TEXT NOT NULL,
    client     TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_client ON login_attempts (client, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

CREATE INDEX invitations_group ON invitations (group_id);
