# loopcoach 메시지, 한국어. 여기의 모든 id는 en.ftl에도 있어야 합니다.

## import, sync, export
import-done = { $path } 가져오기 완료: 질문 { $questions }개, 스토리 { $stories }개, 원칙 { $principles }개, 면접 단계 { $rounds }개.
import-unchanged = { $path }은(는) 지난 가져오기 이후 바뀌지 않았습니다.
import-warning = 경고: { $path }:{ $line }: { $message }
sync-none = 아직 가져온 파일이 없습니다. 먼저 `loopcoach import FILE`을 실행하세요.
sync-changed = { $path }을(를) 다시 읽었습니다 (디스크에서 변경됨).
sync-missing = 디스크에 { $path }이(가) 없습니다. 가져온 사본은 그대로 둡니다.
sync-done = 동기화 완료: 파일 { $total }개 중 { $changed }개를 다시 읽었습니다.
export-done = { $path }에 썼습니다.
error-not-imported = { $path }은(는) 아직 가져오지 않았습니다. 먼저 `loopcoach import { $path }`를 실행하세요.
error-disk-changed = 가져온 뒤 디스크의 { $path }이(가) 바뀌었습니다. 수정 내용이 사라지지 않도록 먼저 `loopcoach sync`를 실행하세요.
error-no-story = id가 { $id }인 스토리가 없습니다. `loopcoach stories`로 목록을 볼 수 있습니다.
story-set-done = "{ $title }" ({ $id })의 { $part }을(를) 수정하고 { $path }에 썼습니다.
story-set-done-db = "{ $title }" ({ $id })의 { $part }을(를) 워크스페이스에서 수정했습니다 (파일에는 쓰지 않음).

## listings
col-id = id
col-number = 번호
col-title = 제목
col-answer = 답변
col-parts = S T A R
col-principles = 원칙
col-name = 이름
col-builtin = 기본 원칙
col-stories = 스토리
col-source = 위치
empty-workspace = 워크스페이스가 비어 있습니다. `loopcoach import FILE`을 실행하세요.
show-document = { $path } ({ $id })
show-front-matter = front matter: { $keys }
show-round = { $ordinal }차: { $title }
show-counts = 섹션 { $sections }개, 질문 { $questions }개, 스토리 { $stories }개, 원칙 { $principles }개
blank = (비어 있음)

## labs
lab-written = 실습 { $id } ({ $kind })을(를) { $dir }에 만들었습니다. TICKET.md를 읽고 원인을 찾은 뒤 `loopcoach lab check { $dir } --answer "…"`로 답하세요.
lab-verdict-right = 정답입니다: { $causes }.
lab-verdict-partly = 부분 정답입니다. 원인은 짚었지만 완전하게 말하지 않았거나 하나로 정하지 않았습니다.
lab-verdict-wrong = 아닙니다. 산출물을 다시 살펴보세요. `loopcoach lab explain { $dir }`로 정답을 볼 수 있습니다.
lab-unknown = { $dir }은(는)이 워크스페이스가 만든 실습이 아닙니다 (실습 id { $id }를 모름).
lab-cause = 원인: { $cause }
lab-confirm = 확인 방법:
lab-fix = 해결 방법:
lab-kinds = 실습 종류와 장애 코드:

## practice: banks and cards
bank-error = { $file }:{ $line }:{ $column }: { $field }: { $detail }
bank-error-syntax = { $detail }
bank-error-needs-one-key = 뱅크에는 `principle`(행동 질문)이나 `topic`(기술 질문) 중 하나만 있어야 합니다
bank-error-unknown-principle = 알 수 없는 원칙 키 "{ $key }" (`loopcoach principles`로 키를 확인하세요)
bank-error-unknown-topic = 알 수 없는 토픽 키 "{ $key }" (사용 가능: { $known })
bank-error-no-cards = 뱅크에 [[cards]] 가 없습니다
bank-error-missing-language = { $lang } 텍스트가 비어 있습니다
bank-error-count = 항목이 { $min }~{ $max }개여야 하는데 { $found }개입니다
bank-error-count-mismatch = en은 { $en }개, ko는 { $ko }개입니다. 항목마다 두 언어가 모두 필요합니다
bank-error-bad-id = id는 { $expected } 형식이어야 합니다 (숫자 두 자리 이상)
bank-error-duplicate-id = id { $id }가 이미 쓰이고 있습니다
bank-error-missing-reference = 기술 카드에는 근거가 되는 스펙이나 문서를 가리키는 `reference`가 필요합니다
bank-error-technical-only = `reference`와 `troubleshooting`은 기술 카드에만 씁니다
bank-refused = { $file }을(를) 받아들이지 않았습니다 (문제 { $count }개). 아무것도 저장하지 않았습니다.
bank-added = { $file }에서 카드 { $count }개를 추가했습니다 (덱 { $deck }).
bank-builtin-broken = 경고: 내장 뱅크 문제: { $error }
card-tell-story = { $principle } 경험을 이야기해 주세요: "{ $title }"
col-kind = 종류
col-topic = 토픽 / 원칙
col-question = 질문
col-due = 복습일
col-reps = 횟수
col-cards = 카드
col-reviewed = 복습함
col-retention = 기억률
cards-none = 조건에 맞는 카드가 없습니다.

## practice: drills and reviews
drill-none = 지금 복습할 카드가 없습니다. `loopcoach cards`로 전체 카드를, `loopcoach due`로 다음 일정을 볼 수 있습니다.
drill-card = [{ $n }/{ $total }] { $id } ({ $kind })
drill-answer-prompt = 답변을 입력하세요 (빈 줄에서 Enter를 누르면 정답을 봅니다):
drill-key-points = 핵심 포인트:
drill-your-draft = 내 초안:
drill-no-draft = (노트에 아직 이 질문에 대한 내용이 없습니다)
drill-follow-ups = 꼬리 질문:
drill-reference = 참고: { $reference }
drill-rate-prompt = 평가: 1 다시, 2 어려움, 3 좋음, 4 쉬움 (q는 종료):
drill-rate-again = 1, 2, 3, 4 또는 q를 입력하세요.
drill-next = 다음 복습: { $due } ({ $days }일 후).
drill-done = 완료: 카드 { $count }개를 복습했습니다.
review-done = { $id }을(를) { $rating }(으)로 평가했습니다. 다음 복습 { $due } ({ $days }일 후).
error-no-card = id가 { $id } 인 카드가 없습니다. `loopcoach cards`로 확인하세요.
due-none = 지금 복습할 카드가 없습니다.
due-summary = 복습할 카드 { $count }개 (새 카드 { $new }개, 복습 { $review }개).
due-more = … 외 { $more }개 (--limit N으로 더 보기, --json은 전부 출력).
stats-summary = 카드 { $cards }개, 복습한 카드 { $reviewed }개, 지금 복습할 카드 { $due }개. 복습 { $reviews }회, 기억률 { $retention }.
stats-per-day = 날짜별 복습:
stats-per-group = 토픽·원칙별:
optimize-not-enough = 내 파라미터를 맞추기에는 복습 기록이 부족합니다: { $reviews } / { $needed }회. 그때까지는 기본값을 씁니다.
optimize-done = 복습 { $reviews }회로 FSRS 파라미터를 맞췄습니다. 이제부터 이 값을 씁니다.
search-none = "{ $query }"에 맞는 결과가 없습니다.
search-hit = { $kind } { $id }: { $title }
anki-exported = 카드 { $count }개를 { $path }에 저장했습니다 (Anki: 파일 > 가져오기, 탭 구분).
anki-imported = { $path }을(를) { $deck } 덱으로 가져왔습니다: 추가 { $added }, 갱신 { $updated }, 건너뜀 { $skipped }, 삭제 { $removed } (파일에 더 이상 없음).

## 파일과 워크스페이스 (읽기, 쓰기, 잠금, 오류)
error-cannot-read = { $path }을(를) 읽을 수 없습니다
error-cannot-write = { $path }에 쓸 수 없습니다
error-is-directory = { $path }은(는) 파일이 아니라 폴더입니다.
error-not-regular = { $path }은(는) 일반 파일이 아닙니다 (FIFO, 소켓 또는 장치). loopcoach는 일반 파일만 읽고 씁니다.
error-too-large-fixed = { $path }은(는) { $size } 바이트로, 이 종류의 파일 한도 { $limit } 바이트를 넘습니다.
error-lock-create = 잠금 파일 { $path }을(를) 만들 수 없습니다
error-lock-busy = 다른 loopcoach가 { $path }을(를) 바꾸는 중입니다 (잠금 { $lock }). 아무것도 하지 않았습니다. 끝난 뒤 다시 시도하세요.
error-disk-changed-during = 수정하는 사이에 디스크의 { $path }이(가) 바뀌었습니다 (다른 프로그램이 저장함). 아무것도 쓰지 않았고 디스크의 변경 내용은 그대로입니다. `loopcoach sync`를 실행한 뒤 다시 수정하세요.
warning-hard-links = 경고: { $path }에는 다른 이름(하드 링크)이 { $count }개 있었고, 그 이름들은 예전 내용을 그대로 가집니다. loopcoach는 새 사본을 이름 바꾸기로 덮어써서 노트 파일을 교체합니다.
error-workspace = 워크스페이스 { $path }: { $message }
error-workspace-open = 워크스페이스 { $path }을(를) 열 수 없습니다: { $message }
error-workspace-dir = 워크스페이스 폴더 { $path }을(를) 만들 수 없습니다: { $message }
import-error-too-large = { $path }: 파일이 { $size } 바이트로 한도 { $limit } 바이트를 넘습니다 (--max-size로 늘릴 수 있습니다)
import-error-beyond-ceiling = { $path }: 파일이 { $size } 바이트입니다. loopcoach는 { $limit } 바이트(4 GiB)까지의 노트 파일만 읽습니다
import-error-binary = { $path }: 바이너리 내용입니다 ({ $offset } 바이트에 NUL 또는 제어 문자). 텍스트 파일이 아닙니다
import-error-utf16 = { $path }: 이 파일은 { $encoding } 텍스트이고 loopcoach는 UTF-8을 읽습니다. `iconv -f { $encoding } -t UTF-8 { $path } > { $path }.utf8.md`로 변환한 뒤 그 파일을 가져오세요
import-error-invalid-utf8 = { $path }:{ $line }:{ $column }: { $offset } 바이트에 잘못된 UTF-8이 있습니다. 파일을 UTF-8로 저장하세요
import-error-front-matter-open = { $path }:{ $line }:{ $column }: '{ $fence }'로 연 front matter가 닫히지 않았습니다
import-error-front-matter = { $path }:{ $line }:{ $column }: front matter: { $message }
lab-not-a-lab = { $dir }은(는) 실습 폴더가 아닙니다 (lab.json이 없음). `loopcoach lab new KIND -o DIR`로 만들 수 있고, `loopcoach lab list`가 종류를 보여 줍니다.
error-bad-now = --now { $value }: RFC 3339 시각이 아닙니다 (예: 2026-12-01T09:00:00Z)
error-now-range = --now { $value }: 시각은 { $first }년과 { $last }년 사이여야 합니다
error-unknown-topic = --topic { $topic }: 그런 주제는 없습니다. 주제 목록: { $topics }.
error-unknown-principle = --principle { $name }: 그런 키나 이름의 원칙이 없습니다. `loopcoach principles`로 목록을 볼 수 있습니다.
report-nothing-imported = 아직 보고할 것이 없습니다. 리포트는 노트를 읽는데 가져온 노트가 없습니다. 먼저 `loopcoach import NOTES.md`를 실행하세요 (형식은 examples/interview-notes.md 참고).
bank-error-too-many-cards = 뱅크에 카드가 { $found }장 있습니다. 한 뱅크에는 최대 { $max }장까지 넣을 수 있습니다 (여러 파일로 나누세요)
bank-error-field-too-long = 글자 수가 { $chars }자입니다. 카드의 한 텍스트는 최대 { $max }자입니다
anki-skipped = { $path }:{ $line }: 건너뜀: { $reason }
anki-skip-builtin = { $id }은(는) 내장 카드이거나 노트에서 만든 카드입니다 (기록과 함께 그대로 둡니다)
anki-skip-other-deck = { $id }은(는) { $deck } 덱의 카드입니다 (갱신하려면 그 덱으로 가져오세요)
anki-skip-duplicate = { $id }은(는) 이미 { $line }번째 줄에 있었습니다 (처음 것을 둡니다)
anki-error = { $path }:{ $line }: { $detail }. 아무것도 가져오지 않았습니다
anki-error-empty-separator = `#separator:`에 구분자가 없습니다
anki-error-unterminated-quote = 여기서 연 따옴표 필드가 닫히지 않았습니다 (뒤의 모든 노트를 삼켜 버립니다)
anki-error-empty-front = 노트의 앞면 필드가 비어 있습니다
anki-error-too-many = 한 덱에는 노트를 최대 { $max }개까지 넣을 수 있습니다
anki-error-field-too-long = 필드가 { $chars }자입니다. 카드의 한 텍스트는 최대 { $max }자입니다
sync-emptied = 경고: { $path }에 질문, 스토리, 원칙이 하나도 없습니다 (가져온 사본에는 스토리 { $stories }개, 질문 { $questions }개). 가져온 사본과 기록을 그대로 둡니다. 파일을 되살리거나, 비우려던 것이라면 `loopcoach import { $path }`를 실행하세요.
import-emptied = 경고: { $path }에 질문, 스토리, 원칙이 하나도 없습니다. 있던 스토리 { $stories }개와 질문 { $questions }개는 목록에서 빠지고, 연습 기록은 남아 있다가 내용이 돌아오면 다시 이어집니다.

## outline (`loopcoach outline`에 보이는 항목 종류)
outline-front-matter = 머리말
outline-section = 섹션
outline-round = 면접 단계
outline-question = 질문
outline-answer = 답변
outline-story = 스토리
outline-situation = S 상황
outline-task = T 과제
outline-action = A 행동
outline-result = R 결과
outline-principle = 원칙
outline-notes = (일반 메모)
import-nothing = { $path }에서 알아본 것이 없습니다. `loopcoach outline { $path }`로 어떻게 읽혔는지 볼 수 있습니다.
import-folder-done = { $path }의 파일 { $files }개를 가져왔습니다: 질문 { $questions }개, 스토리 { $stories }개, 원칙 { $principles }개, 면접 단계 { $rounds }개.
import-folder-empty = { $path }에 .md 파일이 없습니다.
import-folder-failed = { $path }의 파일 { $files }개 중 { $count }개를 읽지 못해 아무것도 가져오지 않았습니다.
import-progress = 가져오는 중 { $done }/{ $total }: { $path }

# issue #18: the claims grader, evidence on request, history
lab-grade-stuffed = 후보 원인을 여러 개 나열했습니다. 증거가 입증하는 근본 원인 하나를 고르세요.
lab-grade-missing-object = 어느 대상인가요? 무엇에 대한 문제인지 짚어 주세요 (어느 인증서, 어느 토큰, 어느 코드).
lab-grade-missing-field = 어느 필드인가요? 잘못된 필드나 설정을 짚어 주세요 (`exp`, `aud`, `targetPort`, EKU 등).
lab-grade-missing-defect = 그래서 무엇이 잘못됐나요? 어디를 볼지만이 아니라 어떻게 잘못됐는지 말해 주세요.
lab-grade-missing-commit = 원인을 둘 이상 제시했습니다. 근본 원인 하나로 정하세요.
lab-grade-ruled-out = 스스로 배제한 원인: { $causes }.
lab-ask-list = 고객에게 요청할 수 있는 자료 (`loopcoach lab ask DIR WHAT`):
lab-history-empty = 아직 채점한 실습이 없습니다. `loopcoach lab check DIR --answer "…"`로 기록됩니다.
lab-path = 내가 본 순서: { $asked }. 전문가의 최소 경로: { $expert }.
lab-path-none = (요청한 자료 없음)

## 검색: 노트에서 찾은 결과와 그 위치 (이슈 #22)
search-kind = { $kind ->
    [question] 질문
    [story] 스토리
    [card] 카드
   *[note] 노트
}
search-hit-at = { $place }  { $kind } { $id }: { $title }
search-hit-note = { $place }  { $kind }: { $heading }

## issue 20: an evening's practice (drill screen, day queue, steps)
drill-progress = { $total }장 중 { $n }번째 · { $id } ({ $kind }) · { $elapsed }
drill-elapsed = { $minutes ->
    [0] { $seconds }초
   *[other] { $minutes }분 { $seconds }초
}
drill-your-answer = 내 답변:
drill-covered = 핵심 포인트 { $total }개 중 { $covered }개를 다뤘습니다.
drill-next-soon = 다음: 이번 연습 안에서 { $minutes }분 뒤에 다시 나옵니다.
drill-next-days = 다음: { $due } ({ $days }일 뒤).
drill-summary = 완료: { $count }장 복습, 다시 { $again }장. 다음 복습: { $next }.
due-new = 새 카드
card-kind-behavioural = 행동 질문
card-kind-technical = 기술
card-kind-mine = 내 노트
## issue 16: answer analysis, mock interviews, history
analysis-part-situation = 상황
analysis-part-task = 과제
analysis-part-action = 행동
analysis-part-result = 결과
analysis-unit-words = 단어
analysis-unit-syllables = 음절
analysis-finding-missing-part = 빠진 부분: { $part }. 답변에서 말하지 않았습니다.
analysis-finding-thin-part = 너무 짧은 부분: { $part }. 조금 더 구체적으로 말해 보세요.
analysis-finding-no-metric = 결과에 숫자가 없습니다. 얼마나, 얼마나 빨리, 몇 건인지 말해 보세요.
analysis-finding-we-heavy = "저희/우리"가 { $we }번, "저/제가"가 { $i }번 나옵니다. 본인이 한 일을 말해 보세요.
analysis-finding-fillers = 군말(음, 어, 그)이 { $count }번 나옵니다. 말 대신 잠깐 쉬어 보세요.
analysis-finding-too-short = 약 { $seconds }초: 스토리로는 너무 짧습니다({ $min }초 이상 권장).
analysis-finding-too-long = 약 { $seconds }초: 너무 깁니다({ $max }초 이내 권장).
analysis-finding-too-fast = 분당 { $rate } { $unit }: 너무 빠릅니다. 천천히 말해 보세요.
analysis-finding-too-slow = 분당 { $rate } { $unit }: 너무 느립니다. 조금 더 빠르게 말해 보세요.
analysis-finding-long-pause = { $at }초 지점에서 { $seconds }초 동안 말이 끊겼습니다.
analysis-finding-principle-not-signalled = 이 질문이 묻는 원칙({ $principle })을 보여 주는 말이 답변에 없습니다.
analysis-finding-dropped-fact = 준비한 스토리의 "{ $fact }" 내용을 답변에서 빠뜨렸습니다.
followup-no-result = 결국 어떻게 되었나요?
followup-no-action = 구체적으로 본인은 무엇을 했나요?
followup-no-metric = 그 결과를 어떻게 측정했나요?
followup-we-heavy = 그중에서 본인이 직접 한 일은 무엇인가요?
followup-no-task = 그 일에서 본인의 역할은 무엇이었나요?
debrief-assessment-strong = { $name } ({ $score }/100): 강함. 본인이 맡은 행동과 결과가 분명한 스토리입니다. { $lacks }
debrief-assessment-mixed = { $name } ({ $score }/100): 보통. { $lacks }
debrief-assessment-weak = { $name } ({ $score }/100): 약함. { $lacks }
debrief-reason-average = 평균 점수 { $average }, 기준 { $bar }
debrief-reason-weak = { $name } 원칙을 보여 주는 근거가 부족함
debrief-reason-strong = { $name } 원칙을 보여 주는 근거가 분명함
debrief-title = 디브리프
debrief-interviewer = 면접관 { $number }
debrief-bar-raiser = 면접관 { $number } (바 레이저)
debrief-inclined = 채용 찬성
debrief-not-inclined = 채용 반대
debrief-outcome-hire = 결과: 채용
debrief-outcome-no-hire = 결과: 불합격
debrief-work-on = 먼저 보완할 원칙: { $principles }
mock-intro = 모의 면접: 질문 { $count }개, { $minutes }분. 답변은 빈 줄이나 "." 한 글자만 있는 줄로 끝내세요. 입력이 끝나면 면접도 끝나며, 그때까지의 답변은 저장됩니다.
mock-question = [{ $n }/{ $count }] 면접관 { $interviewer } · { $subject }
mock-time-limit = 답변 시간: { $limit }
mock-time-warn = 남은 시간 { $left }
mock-time-taken = 답변 시간 { $taken }
mock-time-over = 시간 초과({ $taken }): 다음에는 한 문장으로 마무리하세요.
mock-follow-up = 추가 질문: { $question }
mock-feedback = 점수 { $score }/100 · STAR { $star } · 숫자 { $metric } · 본인 비중 { $ishare }% · 군말 { $fillers } · 약 { $seconds }초
mock-stopped = 답변 { $count }개 뒤에 면접을 멈췄습니다. 답변은 저장되었습니다.
mock-summary = 면접 끝: 답변 { $count }개, 평균 { $average }/100
mock-no-questions = 맞는 질문이 없습니다. --principles에 쓴 원칙 키나 이름을 확인하세요.
mock-bad-principle = --principles에 알 수 없는 원칙이 있습니다: "{ $name }"
analyze-empty = { $path } 파일에 답변 내용이 없습니다.
analyze-unknown-question = id가 { $id }인 질문이나 카드가 없습니다(`loopcoach questions`, `loopcoach cards`로 확인).
analyze-bad-transcript = { $path }: { $detail }
analyze-score = 점수 { $score }/100
analyze-star = STAR: { $star }
analyze-metric-yes = 측정 가능한 결과: 있음({ $metrics })
analyze-metric-no = 측정 가능한 결과: 없음
analyze-pronouns = 본인 비중 { $ishare }% (저/제가 { $i }, 저희/우리 { $we }) · 군말 { $fillers }
analyze-seconds-estimated = 약 { $seconds }초(추정)
analyze-seconds-measured = { $seconds }초(측정), 분당 { $rate } { $unit }
analyze-principles = 드러난 원칙: { $principles }
analyze-none = 없음
history-empty = 아직 답변이 없습니다. `loopcoach mock`이나 `loopcoach analyze`를 실행해 보세요.
history-header-subject = 원칙 / 주제
history-header-answers = 답변
history-header-last = 최근
history-header-average = 평균
history-header-trend = 추세
history-sessions = 세션 { $sessions }개, 답변 { $answers }개
analysis-finding-missed-point = 다루지 않은 핵심 포인트: "{ $fact }"
mock-feedback-technical = 점수 { $score }/100 · 핵심 포인트 { $covered }/{ $points } · 군말 { $fillers } · 약 { $seconds }초

## issue 21: the study-group server, push, pull, comments
server-db-unreachable = 데이터베이스 { $url }에 연결할 수 없습니다: { $detail }
server-cannot-listen = { $addr }에서 연결을 받을 수 없습니다: { $detail }
server-listening = loopcoach 서버가 { $addr }에서 실행 중입니다 (멤버 접속 주소: { $url })
server-need-password-stdin = `--password-stdin`을 주고 비밀번호를 표준 입력으로 보내세요 (`echo "$PASSWORD" | loopcoach server … admin create-user EMAIL --password-stdin`).
server-user-created = 계정 { $email }을(를) 만들었습니다.
server-group-created = 그룹 "{ $name }"을(를) 만들었습니다. id는 { $id }입니다.
server-member-added = { $email }은(는) 이제 그룹 { $group }의 { $role }입니다.
server-token-note = { $email }의 새 API 토큰입니다 (한 번만 보여 줍니다. 비밀로 보관하세요):
server-no-user = { $email } 계정이 없습니다. `loopcoach server … admin create-user`로 만드세요.
server-no-group = 그룹 { $group }이(가) 없습니다. `admin create-group`이 id를 출력합니다.
server-invalid = { $field }: { $problem }
server-user-exists = 이미 있는 계정입니다.
server-db-error = 데이터베이스 오류: { $detail }
share-no-token = API 토큰이 없습니다. `--token`을 주거나 `LOOPCOACH_TOKEN`을 설정하세요 (그룹 소유자가 `loopcoach server … admin token EMAIL`로 만듭니다).
share-unauthorized = { $url }: 서버가 토큰을 거부했습니다 (401). 새 토큰을 요청하세요.
share-not-found = { $url }: 찾을 수 없습니다 (그룹이 없거나 그룹 멤버가 아닙니다).
share-refused = { $url }: 서버가 요청을 거부했습니다 ({ $status }): { $message }
share-unreachable = { $url }에 연결할 수 없습니다: { $detail }
share-choose-group = 여러 그룹에 속해 있습니다. `--group`으로 하나를 고르세요: { $groups }
share-no-group = "{ $group }" 그룹의 멤버가 아닙니다. 내 그룹: { $groups }
share-nothing = 공유할 스토리가 없습니다. 워크스페이스에 스토리가 없거나 지정한 스토리가 없습니다.
share-pushed-new = 공유함    { $story }  { $title } → 공유 { $share }
share-pushed-updated = 갱신함    { $story }  { $title } → 공유 { $share }
share-pushed-summary = 스토리 { $count }개를 "{ $group }"에 공유했습니다.
share-story-gone = (스토리 { $story }은(는) 더 이상 워크스페이스에 없습니다)
share-comment-line = { $place }  { $title } [{ $part }] { $author }: { $text }
share-pulled-summary = "{ $group }"에 공유한 스토리 { $shares }개에 달린 댓글 { $count }개 (새 댓글 { $new }개).
share-no-comments = 아직 가져온 댓글이 없습니다. `loopcoach pull --server URL --group G`를 실행하세요.
