-- Suggested edits (issue 21): a comment may carry the text its author would put in place of
-- the span it is about (or of the whole part). `quote` is what the span held when the comment
-- was made, so the story's owner can apply the suggestion to their notes later even if the
-- share has been pushed again since (`loopcoach comments accept`).
ALTER TABLE comments ADD COLUMN suggestion TEXT;
ALTER TABLE comments ADD COLUMN quote TEXT;
ALTER TABLE comments ADD CONSTRAINT comments_suggestion_quoted
    CHECK (suggestion IS NULL OR quote IS NOT NULL);
