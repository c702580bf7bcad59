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
lab-verdict-partly = 부분 정답입니다. 방향은 맞지만 원인을 더 구체적으로 짚어 보세요.
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
