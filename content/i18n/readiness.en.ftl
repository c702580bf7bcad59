# Readiness report, loop plan and interview-day sheet (English). Same ids in readiness.ko.ftl.

readiness-part-situation = Situation
readiness-part-task = Task
readiness-part-action = Action
readiness-part-result = Result

readiness-uncovered = No story covers { $principle }.
readiness-uncovered-fix = Write a STAR story for { $principle }: { $summary }
readiness-missing-part = "{ $story }" has no { $part }.
readiness-missing-part-fix = Add a { $part } line to "{ $story }".
readiness-empty-part = The { $part } of "{ $story }" is empty.
readiness-empty-part-fix = Write the { $part } of "{ $story }".
readiness-unfinished-part = The { $part } of "{ $story }" looks unfinished: "{ $text }".
readiness-unfinished-part-fix = Finish the { $part } of "{ $story }" in full sentences.
readiness-no-metric = The Result of "{ $story }" has no measurable outcome.
readiness-no-metric-fix = Add a number to the Result of "{ $story }": a percentage, a duration, money or a count.
readiness-we-heavy = The Action of "{ $story }" is told as "we" ({ $we ->
    [one] 1 time
   *[other] { $we } times
}) more than "I" ({ $i ->
    [one] 1 time
   *[other] { $i } times
}).
readiness-we-heavy-fix = Retell the Action of "{ $story }" with "I": what you decided and did yourself.
readiness-too-short = "{ $story }" takes about { $seconds } s to tell, under { $min } s.
readiness-too-short-fix = Add detail to "{ $story }" (mostly the Action) to reach { $min }–{ $max } s.
readiness-too-long = "{ $story }" takes about { $seconds } s to tell, over { $max } s.
readiness-too-long-fix = Cut "{ $story }" to { $min }–{ $max } s: shorten the Situation and keep the Action.
readiness-draft-question = Question { $number } ({ $title }) has a draft that reads like a story but has no STAR labels; it seems to have: { $parts }.
readiness-draft-question-fix = Split the draft under question { $number } into S:, T:, A:, R: lines and write the missing parts.
readiness-draft-principle = The notes under { $section } read like a story but have no STAR labels; they seem to have: { $parts }.
readiness-draft-principle-fix = Turn the notes under { $section } into a STAR story (S:, T:, A:, R:).
readiness-blank-question = Question { $number } is blank: no title and no answer.
readiness-blank-question-fix = Write question { $number } and a draft answer, or delete it.
readiness-blank-title = Question { $number } has an answer but no title.
readiness-blank-title-fix = Write the question { $number } you are answering.
readiness-blank-answer = Question { $number } ({ $title }) has no answer.
readiness-blank-answer-fix = Draft an answer to question { $number } ({ $title }), ideally a STAR story.
readiness-empty-point = Point { $marker } under question { $number } ({ $title }) is empty.
readiness-empty-point-fix = Fill in point { $marker } under question { $number }, or remove it.
readiness-over-reliance = The { $project } project is used in { $count ->
    [one] 1 place
   *[other] { $count } places
} (more than { $max }); one project told again and again tells the loop little new.
readiness-over-reliance-fix = Keep { $project } for at most { $max ->
    [one] 1 principle
   *[other] { $max } principles
} and find other projects for the rest.
readiness-over-reliance-story = "{ $story }" is used for { $count ->
    [one] 1 principle
   *[other] { $count } principles
} (more than { $max }).
readiness-over-reliance-story-fix = Keep "{ $story }" for at most { $max ->
    [one] 1 principle
   *[other] { $max } principles
} and prepare other stories for the rest.

report-title = Interview readiness
report-overall = Overall readiness: { $score }/100
report-components = Principles { $p }% · stories { $s }% · questions { $q }% · over-reliance −{ $o }
report-principles = Principles
report-findings = Findings
report-next-actions = Next actions
report-coverage = Coverage matrix
report-coverage-note = Rows: principles; columns: stories; darker = stronger link (explicit 1.0, inferred = confidence).
report-more-stories = and { $count } more stories not shown.
report-col-principle = principle
report-col-score = score
report-col-stories = stories
report-col-kind = kind
report-col-target = target
report-col-part = part
report-col-message = message
report-col-fix = fix
report-col-gain = gain
report-no-findings = Nothing to fix.
report-none = (none)
report-gain = +{ $gain }

plan-title = Loop plan
plan-interviewer = Interviewer { $n }
plan-bar-raiser = Bar Raiser
plan-col-interviewer = interviewer
plan-col-principle = principle
plan-col-story = story
plan-col-backup = backup
plan-col-fit = fit
plan-total = Total fit: { $fit }
plan-uncovered = No story for: { $slots }
plan-no-story = (no story)

sheet-title = Interview-day sheet
sheet-story = Story
sheet-number = Number to mention
sheet-backup = Backup
sheet-no-number = (no number yet: add one)
sheet-empty-part = (not written yet)

## issue 20: the report for a terminal (kinds, groups, concrete actions)
report-kind-uncovered-principle = no story
report-kind-missing-part = missing part
report-kind-unfinished-part = unfinished
report-kind-no-metric = no number
report-kind-we-heavy = "we" more than "I"
report-kind-length = length
report-kind-unlabelled-draft = draft without STAR labels
report-kind-blank-question = blank question
report-kind-over-reliance = over-reliance
report-group-story = Story: { $title }{ $place }
report-group-principles = Principles with no story yet:
report-group-questions = Questions:
report-group-other = Across your stories:
report-action-turn-draft = Turn your { $principle } draft ({ $place }) into S/T/A/R: it is the story this principle is missing.
plan-to-do = To do for the slots with no story:
plan-action-draft = interviewer { $n }, { $principle }: turn your draft ({ $place }) into S/T/A/R.
plan-action-write = interviewer { $n }, { $principle }: write a story that shows this: { $summary }
plan-sheet-advice = Write a story that shows this: { $summary }

## issue 20: the one-page sheet
sheet-advice-draft = Turn your draft ({ $place }) into S/T/A/R. The bar: { $summary }
