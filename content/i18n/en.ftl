# loopcoach messages, English. Every id here must also be in ko.ftl.

## import, sync, export
import-done = Imported { $path }: { $questions ->
    [one] 1 question
   *[other] { $questions } questions
}, { $stories ->
    [one] 1 story
   *[other] { $stories } stories
}, { $principles ->
    [one] 1 principle
   *[other] { $principles } principles
}, { $rounds ->
    [one] 1 round
   *[other] { $rounds } rounds
}.
import-unchanged = { $path } is unchanged since the last import.
import-warning = warning: { $path }:{ $line }: { $message }
sync-none = Nothing imported yet: run `loopcoach import FILE` first.
sync-changed = Re-read { $path } (changed on disk).
sync-missing = { $path } is missing on disk; kept the imported copy.
sync-done = Sync done: { $changed } of { $total ->
    [one] 1 file
   *[other] { $total } files
} re-read.
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
show-counts = { $sections ->
    [one] 1 section
   *[other] { $sections } sections
}, { $questions ->
    [one] 1 question
   *[other] { $questions } questions
}, { $stories ->
    [one] 1 story
   *[other] { $stories } stories
}, { $principles ->
    [one] 1 principle
   *[other] { $principles } principles
}
blank = (blank)

## labs
lab-written = Lab { $id } ({ $kind }) written to { $dir }. Read TICKET.md and diagnose it; then `loopcoach lab check { $dir } --answer "…"`.
lab-verdict-right = Right: { $causes }.
lab-verdict-partly = Partly right: the cause is there, but not stated whole or not committed to.
lab-verdict-wrong = Not it. Look again at the artifacts; `loopcoach lab explain { $dir }` shows the answer.
lab-unknown = { $dir } is not a lab this workspace generated (lab id { $id } unknown).
lab-cause = Cause: { $cause }
lab-confirm = How to confirm:
lab-fix = Fix:
lab-kinds = Lab kinds and fault codes:

## practice: banks and cards
bank-error = { $file }:{ $line }:{ $column }: { $field }: { $detail }
bank-error-syntax = { $detail }
bank-error-needs-one-key = a bank names exactly one of `principle` (behavioural) or `topic` (technical)
bank-error-unknown-principle = unknown principle key "{ $key }" (`loopcoach principles` lists the keys)
bank-error-unknown-topic = unknown topic key "{ $key }" (known: { $known })
bank-error-no-cards = the bank has no [[cards]]
bank-error-missing-language = the { $lang } text is empty
bank-error-count = needs { $min } to { $max ->
    [one] 1 entry
   *[other] { $max } entries
}, found { $found }
bank-error-count-mismatch = en has { $en ->
    [one] 1 entry
   *[other] { $en } entries
} but ko has { $ko }; each entry needs both languages
bank-error-bad-id = the id must look like { $expected } (two or more digits)
bank-error-duplicate-id = the id { $id } is already used
bank-error-missing-reference = a technical card needs a `reference` to the spec or doc it rests on
bank-error-technical-only = `reference` and `troubleshooting` belong on technical cards only
bank-refused = { $file } was refused ({ $count } problems); nothing was stored.
bank-added = Added { $count ->
    [one] 1 card
   *[other] { $count } cards
} from { $file } (deck { $deck }).
bank-builtin-broken = warning: built-in bank problem: { $error }
card-tell-story = Tell your story for { $principle }: "{ $title }"
col-kind = kind
col-topic = topic / principle
col-question = question
col-due = due
col-reps = reps
col-cards = cards
col-reviewed = reviewed
col-retention = retention
cards-none = No cards match.

## practice: drills and reviews
drill-none = Nothing is due. `loopcoach cards` lists every card; `loopcoach due` shows what comes next.
drill-card = [{ $n }/{ $total }] { $id } ({ $kind })
drill-answer-prompt = Your answer (Enter on an empty line to reveal):
drill-key-points = Key points:
drill-your-draft = Your draft:
drill-no-draft = (nothing in your notes for this yet)
drill-follow-ups = Follow-ups:
drill-reference = Reference: { $reference }
drill-rate-prompt = Rate it: 1 again, 2 hard, 3 good, 4 easy (q to stop):
drill-rate-again = Please type 1, 2, 3, 4 or q.
drill-next = Next: { $due } (in { $days ->
    [one] 1 day
   *[other] { $days } days
}).
drill-done = Done: { $count ->
    [one] 1 card
   *[other] { $count } cards
} reviewed.
review-done = { $id } rated { $rating }; next review { $due } (in { $days ->
    [one] 1 day
   *[other] { $days } days
}).
error-no-card = No card with id { $id }; `loopcoach cards` lists them.
due-none = Nothing is due.
due-summary = { $count ->
    [one] 1 card
   *[other] { $count } cards
} due ({ $new } new, { $review } to review).
due-more = … and { $more } more (--limit N shows more, --json lists them all).
stats-summary = { $cards ->
    [one] 1 card
   *[other] { $cards } cards
}, { $reviewed } reviewed, { $due } due now; { $reviews ->
    [one] 1 review
   *[other] { $reviews } reviews
}, retention { $retention }.
stats-per-day = Reviews per day:
stats-per-group = By topic and principle:
optimize-not-enough = Not enough reviews to fit your own parameters: { $reviews } of { $needed }. Keep drilling; the defaults are used until then.
optimize-done = Fitted FSRS parameters from { $reviews ->
    [one] 1 review
   *[other] { $reviews } reviews
}; they are used from now on.
search-none = No matches for "{ $query }".
search-hit = { $kind } { $id }: { $title }
anki-exported = Wrote { $count ->
    [one] 1 card
   *[other] { $count } cards
} to { $path } (Anki: File > Import, tab-separated).
anki-imported = Imported { $path } into deck { $deck }: { $added } added, { $updated } updated, { $skipped } skipped, { $removed } removed (no longer in the file).

## files and the workspace (reading, writing, locking, errors)
error-cannot-read = cannot read { $path }
error-cannot-write = cannot write { $path }
error-is-directory = { $path } is a directory, not a file.
error-not-regular = { $path } is not a regular file (a FIFO, socket or device); loopcoach reads and writes regular files only.
error-too-large-fixed = { $path } is { $size } bytes, over the limit of { $limit } bytes for this kind of file.
error-lock-create = cannot create the lock file { $path }
error-lock-busy = { $path } is being changed by another loopcoach (lock { $lock }); nothing was done. Try again when it has finished.
error-disk-changed-during = { $path } changed on disk while it was being edited (another program saved it); nothing was written, and your change on disk is kept. Run `loopcoach sync`, then the edit again.
warning-hard-links = warning: { $path } had { $count } other name(s) (hard links); they still hold the old text. loopcoach replaces a notes file by renaming a new copy over it.
error-workspace = workspace { $path }: { $message }
error-workspace-open = cannot open the workspace { $path }: { $message }
error-workspace-dir = cannot create the workspace folder { $path }: { $message }
import-error-too-large = { $path }: the file is { $size } bytes, over the limit of { $limit } bytes (raise it with --max-size)
import-error-beyond-ceiling = { $path }: the file is { $size } bytes; loopcoach reads notes files of up to { $limit } bytes (4 GiB)
import-error-binary = { $path }: binary content (NUL or control byte at byte { $offset }); not a text file
import-error-utf16 = { $path }: the file is { $encoding } text, and loopcoach reads UTF-8; convert it with `iconv -f { $encoding } -t UTF-8 { $path } > { $path }.utf8.md` and import that
import-error-invalid-utf8 = { $path }:{ $line }:{ $column }: invalid UTF-8 at byte { $offset }; save the file as UTF-8
import-error-front-matter-open = { $path }:{ $line }:{ $column }: front matter opened with '{ $fence }' is never closed
import-error-front-matter = { $path }:{ $line }:{ $column }: front matter: { $message }
lab-not-a-lab = { $dir } is not a lab folder (there is no lab.json in it); `loopcoach lab new KIND -o DIR` makes one, `loopcoach lab list` shows the kinds.
error-bad-now = --now { $value }: not an RFC 3339 time (for example 2026-12-01T09:00:00Z)
error-now-range = --now { $value }: the time must be between the years { $first } and { $last }
error-unknown-topic = --topic { $topic }: no such topic. The topics are: { $topics }.
error-unknown-principle = --principle { $name }: no principle by that key or name; `loopcoach principles` lists them.
report-nothing-imported = Nothing to report yet: the report reads your notes, and none are imported. Run `loopcoach import NOTES.md` first (examples/interview-notes.md shows the format).
bank-error-too-many-cards = the bank has { $found ->
    [one] 1 card
   *[other] { $found } cards
}; a bank holds at most { $max } (split it into several files)
bank-error-field-too-long = the text is { $chars } characters long; a card's text is at most { $max }
anki-skipped = { $path }:{ $line }: skipped: { $reason }
anki-skip-builtin = { $id } is a built-in card or a card of your notes (it stays as it is, with its history)
anki-skip-other-deck = { $id } is a card of deck { $deck } (import the file into that deck to update it)
anki-skip-duplicate = { $id } came already on line { $line } (the first one is kept)
anki-error = { $path }:{ $line }: { $detail }; nothing was imported
anki-error-empty-separator = `#separator:` names no separator
anki-error-unterminated-quote = a quoted field opened here is never closed (it would swallow every note after it)
anki-error-empty-front = the note has an empty front field
anki-error-too-many = a deck holds at most { $max ->
    [one] 1 note
   *[other] { $max } notes
}
anki-error-field-too-long = a field is { $chars } characters long; a card's text is at most { $max }
sync-emptied = warning: { $path } now holds no questions, stories or principles (the imported copy has { $stories ->
    [one] 1 story
   *[other] { $stories } stories
} and { $questions ->
    [one] 1 question
   *[other] { $questions } questions
}); kept the imported copy and its history. Restore the file, or run `loopcoach import { $path }` if it is meant to be empty.
import-emptied = warning: { $path } now holds no questions, stories or principles; the { $stories ->
    [one] 1 story
   *[other] { $stories } stories
} and { $questions ->
    [one] 1 question
   *[other] { $questions } questions
} it held leave the views, and their practice history is kept: it comes back with their text.

## outline (kinds of entity, as `loopcoach outline` names them)
outline-front-matter = front matter
outline-section = section
outline-round = round
outline-question = question
outline-answer = answer
outline-story = story
outline-situation = S situation
outline-task = T task
outline-action = A action
outline-result = R result
outline-principle = principle
outline-notes = (plain notes)
import-nothing = Nothing recognised in { $path }: `loopcoach outline { $path }` shows how it was read.
import-folder-done = Imported { $files ->
    [one] 1 file
   *[other] { $files } files
} from { $path }: { $questions ->
    [one] 1 question
   *[other] { $questions } questions
}, { $stories ->
    [one] 1 story
   *[other] { $stories } stories
}, { $principles ->
    [one] 1 principle
   *[other] { $principles } principles
}, { $rounds ->
    [one] 1 round
   *[other] { $rounds } rounds
}.
import-folder-empty = { $path } holds no .md files.
import-folder-failed = { $count } of { $files ->
    [one] 1 file
   *[other] { $files } files
} in { $path } could not be read; nothing was imported.
import-progress = importing { $done }/{ $total }: { $path }

# issue #18: the claims grader, evidence on request, history
lab-grade-stuffed = You listed many candidate causes. Commit to one root cause: the one the evidence proves.
lab-grade-missing-object = Which object? Say which thing it is about (which certificate, which token, which code).
lab-grade-missing-field = Which field? Name the field or setting that is wrong (`exp`, `aud`, `targetPort`, the EKU, …).
lab-grade-missing-defect = And what is wrong with it? Say how it is wrong, not only where to look.
lab-grade-missing-commit = You floated more than one cause: commit to the one root cause.
lab-grade-ruled-out = You ruled out: { $causes }.
lab-ask-list = What you can ask the customer for (`loopcoach lab ask DIR WHAT`):
lab-history-empty = No lab attempts yet: `loopcoach lab check DIR --answer "…"` records one.
lab-path = Your path: { $asked }. Expert's minimal path: { $expert }.
lab-path-none = (nothing asked)

## search: hits from the notes, with their place (issue #22)
search-kind = { $kind ->
    [question] question
    [story] story
    [card] card
   *[note] note
}
search-hit-at = { $place }  { $kind } { $id }: { $title }
search-hit-note = { $place }  { $kind }: { $heading }

## issue 20: an evening's practice (drill screen, day queue, steps)
drill-progress = Card { $n } of { $total } · { $id } ({ $kind }) · { $elapsed }
drill-elapsed = { $minutes ->
    [0] { $seconds } s
   *[other] { $minutes } min { $seconds } s
}
drill-your-answer = Your answer:
drill-covered = { $total ->
    [one] { $covered } of 1 key point covered.
   *[other] { $covered } of { $total } key points covered.
}
drill-next-soon = Next: again in this sitting, in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
drill-next-days = Next: { $due } (in { $days ->
    [one] 1 day
   *[other] { $days } days
}).
drill-summary = Done: { $count ->
    [one] 1 card reviewed
   *[other] { $count } cards reviewed
}, { $again } again. Next due: { $next }.
due-new = new
card-kind-behavioural = behavioural
card-kind-technical = technical
card-kind-mine = mine
## issue 16: answer analysis, mock interviews, history
analysis-part-situation = Situation
analysis-part-task = Task
analysis-part-action = Action
analysis-part-result = Result
analysis-unit-words = words
analysis-unit-syllables = syllables
analysis-finding-missing-part = No { $part }: the answer never says it.
analysis-finding-thin-part = The { $part } is thin: one short phrase; say a little more.
analysis-finding-no-metric = The Result has no number: say how much, how fast or how many.
analysis-finding-we-heavy = Mostly "we" ({ $we } against { $i } "I"): say what you did yourself.
analysis-finding-fillers = { $count } filler { $count ->
    [one] word
   *[other] words
} (um, uh, like): pause silently instead.
analysis-finding-too-short = About { $seconds } s: too short for a story (aim for { $min } s or more).
analysis-finding-too-long = About { $seconds } s: too long (keep it under { $max } s).
analysis-finding-too-fast = { $rate } { $unit } a minute: too fast; slow down.
analysis-finding-too-slow = { $rate } { $unit } a minute: too slow; keep it moving.
analysis-finding-long-pause = A { $seconds } s silence at { $at } s.
analysis-finding-principle-not-signalled = Nothing in the answer signals { $principle }, the principle this question probes.
analysis-finding-dropped-fact = Your prepared story says "{ $fact }", and the answer left it out.
followup-no-result = What happened in the end?
followup-no-action = What exactly did you do?
followup-no-metric = How did you measure it?
followup-we-heavy = What did you do yourself?
followup-no-task = What was your part in it?
debrief-assessment-strong = { $name } ({ $score }/100): strong. A clear story with an owned action and a result. { $lacks }
debrief-assessment-mixed = { $name } ({ $score }/100): mixed. { $lacks }
debrief-assessment-weak = { $name } ({ $score }/100): weak. { $lacks }
debrief-reason-average = average score { $average } against a bar of { $bar }
debrief-reason-weak = no convincing evidence for { $name }
debrief-reason-strong = strong evidence for { $name }
debrief-title = Debrief
debrief-interviewer = Interviewer { $number }
debrief-bar-raiser = Interviewer { $number } (Bar Raiser)
debrief-inclined = inclined
debrief-not-inclined = not inclined
debrief-outcome-hire = Outcome: hire
debrief-outcome-no-hire = Outcome: no hire
debrief-work-on = Work on first: { $principles }
mock-intro = Mock interview: { $count } { $count ->
    [one] question
   *[other] questions
}, { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}. End each answer with a blank line or a line holding a single "."; end of input stops the session (answers so far are kept).
mock-question = [{ $n }/{ $count }] Interviewer { $interviewer } · { $subject }
mock-time-limit = Time: { $limit } to answer.
mock-time-warn = { $left } left.
mock-time-taken = Answered in { $taken }.
mock-time-over = Time is up ({ $taken }): wrap up in one sentence next time.
mock-follow-up = Follow-up: { $question }
mock-feedback = Score { $score }/100 · STAR { $star } · metric { $metric } · I { $ishare }% · fillers { $fillers } · ~{ $seconds } s
mock-stopped = Session stopped after { $count } { $count ->
    [one] answer; it is saved.
   *[other] answers; they are saved.
}
mock-summary = Session done: { $count } { $count ->
    [one] answer
   *[other] answers
}, average { $average }/100.
mock-no-questions = No questions match: check --principles (keys such as ownership or names such as "Dive Deep").
mock-bad-principle = Unknown principle "{ $name }" in --principles.
analyze-empty = { $path } holds no answer text.
analyze-unknown-question = No question or card with the id { $id } (see `loopcoach questions` and `loopcoach cards`).
analyze-bad-transcript = { $path }: { $detail }
analyze-score = Score { $score }/100
analyze-star = STAR: { $star }
analyze-metric-yes = measurable result: yes ({ $metrics })
analyze-metric-no = measurable result: no
analyze-pronouns = "I" share { $ishare }% ({ $i } I, { $we } we) · fillers { $fillers }
analyze-seconds-estimated = about { $seconds } s (estimated)
analyze-seconds-measured = { $seconds } s (measured), { $rate } { $unit } a minute
analyze-principles = principles signalled: { $principles }
analyze-none = none
history-empty = No answers yet: run `loopcoach mock` or `loopcoach analyze`.
history-header-subject = principle / topic
history-header-answers = answers
history-header-last = last
history-header-average = average
history-header-trend = trend
history-sessions = { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}, { $answers } { $answers ->
    [one] answer
   *[other] answers
}
analysis-finding-missed-point = Key point not covered: "{ $fact }".
mock-feedback-technical = Score { $score }/100 · key points { $covered }/{ $points } · fillers { $fillers } · ~{ $seconds } s

## issue 17: the web UI (`loopcoach serve`)
serve-listening = loopcoach is serving { $url } (Ctrl-C stops it)
serve-error-remote = refusing to listen on { $addr }: it is not a loopback address. Pass --allow-remote to serve other machines (every request then needs the access token).
serve-error-token = the --token is too short: use at least 8 characters.
serve-error-bind = cannot listen on { $addr }
serve-open-failed = could not open a browser; open { $url } yourself.
error-edit-stale = The notes ({ $path }) changed since this page was loaded; nothing was saved.
web-skip = Skip to the content
web-nav-label = Main
web-lang-label = Language
web-nav-dashboard = Dashboard
web-nav-notes = Notes
web-nav-stories = Stories
web-nav-questions = Questions
web-nav-drill = Drill
web-nav-mock = Mock interview
web-nav-labs = Labs
web-nav-history = History
web-nav-search = Search
web-back-home = Back to the dashboard
web-error-title = Something went wrong
web-error-not-found = Not found
web-error-forbidden = Refused
web-error-bad-request = That request could not be read
web-csrf-refused = This form was refused: it did not carry this page's security token (CSRF). Reload the page and send it again; your text is still in the browser's back history.
web-token-needed = This server needs its access token: open the address printed by `loopcoach serve` (with `?token=…`), or send it as `Authorization: Bearer …`.
web-too-large = The form is too large.
web-dashboard-title = Dashboard
web-readiness = Readiness
web-component-principles = Principles covered
web-component-stories = Story quality
web-component-questions = Questions answered
web-component-penalty = Over-reliance penalty (points)
web-counts = { $docs } { $docs ->
    [one] notes file
   *[other] notes files
}, { $stories } { $stories ->
    [one] story
   *[other] stories
}, { $questions } { $questions ->
    [one] question
   *[other] questions
}
web-next-actions = Next actions
web-no-actions = Nothing left to fix: practise with a drill or a mock interview.
web-heatmap = Coverage: principles × stories
web-heatmap-note = Darker is a stronger link. Shown: { $shown } of { $total } { $total ->
    [one] story
   *[other] stories
} (the most linked).
web-principles = Principles
web-principle = Principle
web-score = Score
web-stories = Stories
web-empty-workspace = Nothing imported yet. Import your notes first:
web-ent-story = story
web-ent-question = question
web-more-notes = More notes files
web-no-document = No notes file with id { $name }.
web-no-story = No story with id { $name }.
web-stories-count = { $n } { $n ->
    [one] story
   *[other] stories
}
web-stories-for = Stories for { $name }
web-no-stories = No stories here.
web-story = Story
web-pages = Pages
web-prev = Previous
web-next = Next
web-link-explicit = stands under it
web-link-inferred = inferred ({ $confidence }%)
web-speaking-time = About { $seconds } s to tell.
web-checks = Checks
web-checks-none = No problems found.
web-save = Save to the notes file
web-story-saved = Saved "{ $title }" into { $path }.
web-story-unchanged = Nothing changed; the notes file was left as it was.
web-story-conflict = The notes changed since you opened this page; nothing was saved. Your edit is still in the fields; the current version is below. Save again to replace it.
web-story-disk-changed = { $name } was changed outside loopcoach; nothing was saved. Run `loopcoach sync`, then save again: your edit is still in the fields, and the file's version is below.
web-conflict-title = Two versions
web-conflict-yours = Your edit
web-conflict-theirs = The current version
web-bad-rating = "{ $name }" is not a rating: use 1 (again), 2 (hard), 3 (good) or 4 (easy).
web-covered = covered
web-missed = not covered
web-drill-answer = Your answer (optional: type it to see which key points it covers)
web-drill-due = { $n ->
    [one] 1 card is due.
   *[other] { $n } cards are due.
}
web-drill-keys = Keys: space shows the key points, 1–4 rate.
web-drill-none = Nothing is due now. Come back later, or answer a mock question.
web-drill-rate = How well did you know it?
web-drill-rated = Recorded: { $name }.
web-drill-reveal = Show the key points
web-rate-again = again
web-rate-hard = hard
web-rate-good = good
web-rate-easy = easy
web-no-card = No card with id { $name }.
web-history-scores = Answer scores over time
web-history-reviews = Reviews per day (last 60 days)
web-history-reviews-total = { $n } { $n ->
    [one] review
   *[other] reviews
} in the last 60 days.
web-history-forecast = Reviews due (next 30 days)
web-history-forecast-total = { $n } { $n ->
    [one] review
   *[other] reviews
} due in the next 30 days.
web-retention = Remembered { $percent }% of the time (not rated "again").
web-retention-none = No reviews yet.
web-lab-kinds = Kinds of labs
web-lab-kind = Kind
web-lab-about = About
web-lab-faults = Faults
web-lab-new = New lab
web-lab-new-of = New lab: { $name }
web-lab-mine = Your labs
web-lab-none = No labs yet: start one above.
web-lab-files = Artifacts
web-lab-diagnosis = Your diagnosis
web-lab-answer = Diagnosis
web-lab-check = Check my diagnosis
web-lab-empty = Write a diagnosis first: the root cause and how you found it.
web-lab-attempts = Past attempts
web-lab-no-attempts = No attempts yet.
web-lab-when = When
web-lab-verdict = Verdict
web-lab-unknown-kind = There is no lab kind "{ $name }".
web-no-lab = No lab with id { $name }.
web-no-file = The lab has no file { $name }.
web-mock-answer = Your answer
web-mock-empty = Write an answer first; the time keeps running.
web-mock-feedback = Feedback
web-mock-limit = Time to answer: { $name }.
web-mock-next = Next question
web-mock-record = Record with the microphone
web-mock-stop = Stop recording
web-mock-submit = Get feedback
web-no-questions = No questions in the notes yet.
web-questions-count = { $n } { $n ->
    [one] question
   *[other] questions
}
web-search-label = Search your notes and cards
web-search-kind-label = Kind
web-search-all = all
web-search-kind = { $name ->
    [question] question
    [story] story
    [card] card
    [note] note
   *[other] { $name }
}
web-search-none = Nothing matches "{ $name }".
web-notes-part = Part { $n } of { $total }

## issue 21: the study-group server, push, pull, comments
server-db-unreachable = Cannot use the database { $url }: { $detail }
server-cannot-listen = Cannot listen on { $addr }: { $detail }
server-listening = loopcoach server listening on { $addr } (members reach it at { $url })
server-need-password-stdin = Pass --password-stdin and send the password on stdin (echo "$PASSWORD" | loopcoach server … admin create-user EMAIL --password-stdin).
server-user-created = Account { $email } created.
server-group-created = Group "{ $name }" created with id { $id }.
server-member-added = { $email } is now { $role } in group { $group }.
server-token-note = A new API token for { $email } (shown only once; keep it secret):
server-no-user = No account for { $email }: create it with `loopcoach server … admin create-user`.
server-no-group = No group { $group }: `admin create-group` prints the id.
server-invalid = { $field }: { $problem }
server-user-exists = That account exists already.
server-db-error = Database error: { $detail }
share-no-token = No API token: pass --token or set LOOPCOACH_TOKEN (the group's owner makes one with `loopcoach server … admin token EMAIL`).
share-unauthorized = { $url }: the server refused the token (401); ask for a new one.
share-not-found = { $url }: not found (the group does not exist, or you are not in it).
share-refused = { $url }: the server refused ({ $status }): { $message }
share-unreachable = Cannot reach { $url }: { $detail }
share-choose-group = You are in several groups; choose one with --group: { $groups }
share-no-group = You are not in a group "{ $group }". Your groups: { $groups }
share-nothing = No stories to share: the workspace has none, or none were named.
share-pushed-new = shared   { $story }  { $title } → share { $share }
share-pushed-updated = updated  { $story }  { $title } → share { $share }
share-pushed-summary = { $count } { $count ->
    [one] story
   *[other] stories
} shared with "{ $group }".
share-story-gone = (story { $story } is no longer in the workspace)
share-comment-line = { $place }  { $title } [{ $part }] { $author }: { $text }
share-pulled-summary = { $count } { $count ->
    [one] comment
   *[other] comments
} ({ $new } new) on { $shares } shared { $shares ->
    [one] story
   *[other] stories
} in "{ $group }".
share-no-comments = No comments pulled yet: run `loopcoach pull --server URL --group G`.
web-lab-card-added = This lab is now in your drills: it comes back until you solve it.
history-readiness = Readiness { $first } → { $last } { $spark } ({ $from } → { $to })
history-readiness-one = Readiness { $last } on { $to }: the chart grows each day your notes change.
web-history-readiness = Readiness over time
web-history-readiness-none = Readiness is recorded each time your notes change (import, sync, a story edit); nothing recorded yet.
web-history-readiness-summary = From { $first } on { $from } to { $last } on { $to }; principles with a story: { $covered }/{ $principles }.
share-suggestion =     suggests "{ $quote }" → "{ $suggestion }" (accept: `loopcoach comments --accept { $id }`)
share-suggestion-accepted =     suggested "{ $quote }" → "{ $suggestion }" (accepted)
accept-no-comment = No pulled comment has the id { $id }: run `loopcoach pull`, then `loopcoach comments` lists them with their ids.
accept-which-server = Comments from several servers have the id { $id }: choose one with --server ({ $servers }).
accept-not-a-suggestion = Comment { $id } suggests no edit of a situation, task, action or result; there is nothing to accept.
accept-already = The suggestion of comment { $id } is already in your notes.
accept-conflict-gone = Not applied: the { $part } of { $story } no longer contains "{ $quote }" (it changed since it was shared). Edit it yourself with `loopcoach story set`; nothing was written.
accept-conflict-ambiguous = Not applied: "{ $quote }" appears more than once in the { $part } of { $story } and not where the comment points. Edit it yourself with `loopcoach story set`; nothing was written.
accept-done = Accepted { $author }'s suggestion for the { $part } of "{ $title }" ({ $id }) and wrote { $path }.
web-mock-start-h = Start a mock interview
web-mock-start-intro = The questions come from the same plan as `loopcoach mock`: weak answers first, one technical interviewer, behavioural interviewers and a Bar Raiser. Answer each within the time, then get its feedback; the session ends with a debrief.
web-mock-round = Round
web-mock-round-full = Full loop (technical and behavioural)
web-mock-round-behavioural = Behavioural only
web-mock-round-technical = Technical only
web-mock-minutes = Length
web-mock-minutes-option = { $n } { $n ->
    [one] minute
   *[other] minutes
}
web-mock-start = Start the interview
web-mock-bad-round = Unknown round "{ $name }".
web-mock-bad-minutes = The length must be between 7 and 120 minutes.
web-mock-progress = Question { $n } of { $count } · interviewer { $interviewer } · { $subject }
web-mock-end-now = End now and see the debrief
web-mock-see-debrief = See the debrief
web-mock-no-session = No mock session "{ $name }".
web-mock-no-question = Session { $session } has no question { $n }.
web-mock-already = Question { $n } of this session is already answered.
web-mock-gone-card = The question { $name } of this session is no longer in the bank or the notes.
web-mock-sessions = Earlier sessions
web-mock-session-line = { $started } · { $round } · { $answered }/{ $count } answered
web-mock-continue = Continue
web-rec-h = Spoken answer
web-rec-help = Optional: record yourself saying the answer. The recording stays beside your workspace; talk time and long pauses are measured from it. Type the answer too: it is what gets scored.
web-rec-start = Start recording
web-rec-stop = Stop recording
web-rec-recording = Recording…
web-rec-uploading = Saving the recording…
web-rec-failed = The recording could not be saved.
web-rec-denied = The microphone is not available: check the browser's permission.
web-rec-saved = Recording kept: { $talk } of talk in { $total }, { $pauses } long { $pauses ->
    [one] pause
   *[other] pauses
}.
web-rec-bad = This is not a recording loopcoach can read ({ $name }). Upload a WAV file.
web-rec-too-large = The recording is too large (at most { $n } MB).
web-rec-missing = The recording file is missing from the uploads folder.
web-speech-h = Measured from the recording
web-speech-talk = Talk time { $talk } of the { $limit } allowed (recording { $total }).
web-speech-over = You talked longer than the time allowed.
web-speech-pauses = Long pauses ({ $min } s or more):
web-speech-pause = at { $at } for { $seconds } s
web-speech-no-pause = No long pause; the longest silence was { $seconds } s.
web-speech-clipped = Part of the recording is clipped ({ $percent }%): move back from the microphone.
web-speech-strip = Loudness over time; long pauses are marked
web-speech-strip-pause = pause at { $at }, { $seconds } s
web-debrief-h = Debrief
web-debrief-average = Average score { $score }/100 over { $n } answers.
web-debrief-unanswered = { $n } planned { $n ->
    [one] question was
   *[other] questions were
} not answered.
web-debrief-answers = Your answers
web-debrief-votes = The interviewers' votes
web-debrief-practise = What to practise next
web-debrief-practise-drill = Drill the cards of these principles in the drill.
web-debrief-none = No answer yet in this session.
web-history-answers = Answers
web-history-when = When
web-history-question = Question
web-history-score = Score
web-history-talk = Talk time
web-history-pauses = Long pauses
web-history-no-recording = no recording

## Study together on the server (issue 21): the rubric of a peer mock
study-rubric-1 = 1, far below the bar: the story does not show this principle, or shows its opposite.
study-rubric-2 = 2, below the bar: the principle shows, but their own part or the outcome is thin.
study-rubric-3 = 3, meets the bar: a clear example of their own, with a result they can measure.
study-rubric-4 = 4, raises the bar: a strong, measured example beyond their role, and what they learned.
## Study together: the server's pages of banks, drills, mocks and the cohort
study-back-to-group = Back to the group
study-banks-title = Question banks
study-no-banks = This group has no question banks yet.
study-bank-name = Name
study-bank-subject = Principle or topic
study-bank-cards = Questions
study-bank-edited = Last edited
study-bank-new = A new bank
study-bank-edit = Edit the bank
study-bank-toml = The bank (TOML, the `bank` schema)
study-bank-save = Save the bank
study-bank-refused = The bank was not saved:
study-bank-schema = One bank holds one principle's or one topic's questions, each in English and Korean; the rules are those of `loopcoach bank add` (docs/banks.md).
study-drill-title = Drill the group's banks
study-drill-counts = Due now: { $due }. New: { $new }.
study-drill-none = Nothing is due now in the group's banks.
study-drill-next-due = The next card is due at { $name }.
study-mocks-title = Peer mock interviews
study-no-mocks = No mock interviews yet.
study-mock-title = Mock interview
study-mock-new = Open a mock interview
study-mock-open = not written up yet
study-mock-open-button = Open it
study-mock-note = You can open a mock you take part in; owners and coaches pair any two members. One question is chosen for each principle, from the group's banks first.
study-interviewer = Interviewer
study-candidate = Candidate
study-principles = Principles
study-when = When
study-when-utc = When (UTC, optional)
study-vote = Vote
study-vote-inclined = Inclined
study-vote-not-inclined = Not inclined
study-history = My mock interviews as a candidate
study-no-history = No written-up mock interviews of yours yet.
study-sheet = The interviewer's sheet
study-their-story = The candidate's shared stories
study-no-story = The candidate has not shared a story for this principle.
study-rubric = What a strong answer shows, and the scale
study-write-up = The write-up
study-score = Score against the bar (1 to 4)
study-assessment = Assessment
study-summary = Summary
study-save-write-up = Save the write-up
study-not-written = The interviewer has not written it up yet.
study-debrief-title = Debrief
study-no-debrief = No interviewer has written up a mock interview of this candidate yet.
study-mean = mean
study-dashboard-title = Cohort dashboard
study-dashboard-note = Computed only from what each member shared in this group and their drills here.
study-readiness = Readiness
study-covered = Principles covered
study-streak = Streak in days (reviews)
study-weakest = Weakest principles
study-heatmap-label = Coverage: principles × members
study-nav-label = Study together
web-sign-out = Sign out
server-nav-groups = My groups
server-sign-in = Sign in
server-sign-in-note = No account yet? Ask your group's owner for an invitation link.
server-email = Email
server-password = Password
server-password-again = Password again
server-password-rules = At least 10 characters.
server-login-wrong = The email or the password is wrong.
server-login-wait = Too many failed sign-ins. Try again in { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}.
server-forbidden = Your role in this group cannot do this.
server-bad-request = That request could not be used: { $name }
server-too-many = Too many attempts. Wait a little and try again.
server-unavailable = The database is unavailable right now. Try again in a moment.
server-internal = Something went wrong on the server.
server-groups-title = My groups
server-no-groups = You are in no group yet. Open an invitation link from a group's owner to join one.
server-group = Group
server-role = Role
server-members = Members
server-role-owner = owner
server-role-coach = coach
server-role-member = member
server-your-role = Your role here: { $name }
server-shared-stories = Shared stories
server-no-shares = No story shared yet: share one with `loopcoach push --server URL`.
server-shared-by = Shared by
server-comments = Comments
server-invite-heading = Invite someone
server-invite-make = Make an invitation link
server-invite-note = The link works once and for 7 days. Send it only to the person you invite.
server-invite-created = A one-time link to join as { $name }:
server-invite-expires = It expires at { $name } (UTC).
server-invite-title = Invitation
server-invite-lead = You are invited to join "{ $group }" as { $role }.
server-invite-unknown = This invitation link is not known. Check that it was copied whole, or ask for a new one.
server-invite-used = This invitation link has been used already. Ask the group's owner for a new one.
server-invite-expired = This invitation link has expired. Ask the group's owner for a new one.
server-invite-join = Join the group
server-invite-have-account = I have an account
server-invite-sign-in-join = Sign in and join
server-invite-new-account = I am new here
server-invite-register-join = Create the account and join
server-bad-email = That is not an email address.
server-password-mismatch = The two passwords differ.
server-password-short = The password is too short: at least { $n } characters.
server-account-exists = An account with this email exists already: sign in with it instead.
server-back-to-group = Back to the group
server-part = Part
server-part-title = Title
server-part-situation = Situation
server-part-task = Task
server-part-action = Action
server-part-result = Result
server-comment-heading = Comment
server-comment = Your comment
server-comment-send = Post the comment
server-ratings = Ratings against the bar
server-no-ratings = No rating yet.
server-rater = Rated by
server-note = Note
server-rate-heading = Rate against a principle's bar
server-rate-send = Save the rating
server-score-1 = far below the bar
server-score-2 = below the bar
server-score-3 = meets the bar
server-score-4 = raises the bar
server-need-base-url = Say where members reach the server, so the link points there: --base-url https://… (or LOOPCOACH_SERVER_BASE_URL).
server-invite-made = A one-time invitation to group { $group } as { $role }, valid until { $expires } (UTC). Send it only to the person you invite:
server-no-tokens = { $email } has no API tokens.
server-tokens-header = id	created	last used	revoked
server-token-revoked = Token { $id } is revoked: every server refuses it from now on.
server-no-token = No live token with id { $id } (see `server admin tokens EMAIL`).
server-suggest-heading = Suggest new words (optional)
server-suggest-hint = Quote the words to replace exactly as they are in the part (leave it empty to replace the whole part) and write what you would say instead. The owner can accept it into their notes with one command.
server-suggest-replace = Replace these words
server-suggest-with = With
server-suggested = Suggested edit:
