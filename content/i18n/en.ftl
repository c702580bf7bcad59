# loopcoach messages, English. Every id here must also be in ko.ftl.

## import, sync, export
import-done = Imported { $path }: { $questions } questions, { $stories } stories, { $principles } principles, { $rounds } rounds.
import-unchanged = { $path } is unchanged since the last import.
import-warning = warning: { $path }:{ $line }: { $message }
sync-none = Nothing imported yet: run `loopcoach import FILE` first.
sync-changed = Re-read { $path } (changed on disk).
sync-missing = { $path } is missing on disk; kept the imported copy.
sync-done = Sync done: { $changed } of { $total } files re-read.
export-done = Wrote { $path }.
error-not-imported = { $path } has not been imported; run `loopcoach import { $path }` first.
error-disk-changed = { $path } changed on disk since it was imported; run `loopcoach sync` first so no edit is lost.
error-no-story = No story with id { $id }; `loopcoach stories` lists them.
story-set-done = Set { $part } of "{ $title }" ({ $id }) and wrote { $path }.
story-set-done-db = Set { $part } of "{ $title }" ({ $id }) in the workspace (the file was not written).

## listings
col-id = id
col-number = no.
col-title = title
col-answer = answer
col-parts = S T A R
col-principles = principles
col-name = name
col-builtin = built-in
col-stories = stories
col-source = source
empty-workspace = The workspace is empty: run `loopcoach import FILE`.
show-document = { $path } ({ $id })
show-front-matter = front matter: { $keys }
show-round = round { $ordinal }: { $title }
show-counts = { $sections } sections, { $questions } questions, { $stories } stories, { $principles } principles
blank = (blank)

## labs
lab-written = Lab { $id } ({ $kind }) written to { $dir }. Read TICKET.md and diagnose it; then `loopcoach lab check { $dir } --answer "…"`.
lab-verdict-right = Right: { $causes }.
lab-verdict-partly = Partly right: you are in the right area, but the cause is more specific.
lab-verdict-wrong = Not it. Look again at the artifacts; `loopcoach lab explain { $dir }` shows the answer.
lab-unknown = { $dir } is not a lab this workspace generated (lab id { $id } unknown).
lab-cause = Cause: { $cause }
lab-confirm = How to confirm:
lab-fix = Fix:
lab-kinds = Lab kinds and fault codes:
