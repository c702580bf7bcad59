-- The study-group server's schema (issue 21). A shipped migration is never edited: add a new
-- file. Ids are bigints from identity columns; times are timestamptz set by the database.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stored lower-cased and trimmed: one address, one account.
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    -- PHC string of an argon2id hash.
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE groups (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    group_id   BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'coach', 'member')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);
-- "The caller's groups" reads by user.
CREATE INDEX memberships_user ON memberships (user_id);

-- Personal API tokens: only the SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   BYTEA NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ
);

-- A story a member chose to share with one group.
CREATE TABLE shares (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    owner_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The story's id in the owner's local workspace (from `push`), so pushing it again
    -- updates this share instead of adding another.
    local_id   TEXT,
    title      TEXT NOT NULL,
    situation  TEXT NOT NULL DEFAULT '',
    task       TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL DEFAULT '',
    result     TEXT NOT NULL DEFAULT '',
    principles TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX shares_group ON shares (group_id, id);
CREATE UNIQUE INDEX shares_local ON shares (group_id, owner_id, local_id);

CREATE TABLE comments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    share_id   BIGINT NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    author_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    part       TEXT NOT NULL CHECK (part IN ('title', 'situation', 'task', 'action', 'result')),
    -- An optional character range [span_start, span_end) of the part the comment is about.
    span_start INTEGER,
    span_end   INTEGER,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((span_start IS NULL) = (span_end IS NULL)),
    CHECK (span_start IS NULL OR (0 <= span_start AND span_start <= span_end))
);
CREATE INDEX comments_share ON comments (share_id, id);

-- A coach's rating of a share against one principle's bar (1 = far below, 4 = raises it).
CREATE TABLE ratings (
    share_id   BIGINT NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    rater_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    principle  TEXT NOT NULL,
    score      SMALLINT NOT NULL CHECK (score BETWEEN 1 AND 4),
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (share_id, rater_id, principle)
);

-- One-time invitation links from a group's owner (the token is kept hashed).
CREATE TABLE invitations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('coach', 'member')),
    token_hash  BYTEA NOT NULL UNIQUE,
    created_by  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    used_at     TIMESTAMPTZ
);

-- Browser sessions: the cookie holds a random id, the table its SHA-256.
CREATE TABLE sessions (
    id_hash    BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
