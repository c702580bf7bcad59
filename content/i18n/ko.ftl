# loopcoach 메시지, 한국어. 여기의 모든 id는 en.ftl에도 있어야 합니다.

## import, sync, export
import-done = { $path } 가져오기 완료: 질문 { $questions }개, 스토리 { $stories }개, 원칙 { $principles }개, 면접 단계 { $rounds }개.
import-unchanged = { $path } 은(는) 지난 가져오기 이후 바뀌지 않았습니다.
import-warning = 경고: { $path }:{ $line }: { $message }
sync-none = 아직 가져온 파일이 없습니다. 먼저 `loopcoach import FILE` 을 실행하세요.
sync-changed = { $path } 을(를) 다시 읽었습니다 (디스크에서 변경됨).
sync-missing = 디스크에 { $path } 이(가) 없습니다. 가져온 사본은 그대로 둡니다.
sync-done = 동기화 완료: 파일 { $total }개 중 { $changed }개를 다시 읽었습니다.
export-done = { $path } 에 썼습니다.
error-not-imported = { $path } 은(는) 아직 가져오지 않았습니다. 먼저 `loopcoach import { $path }` 를 실행하세요.
error-disk-changed = 가져온 뒤 디스크의 { $path } 이(가) 바뀌었습니다. 수정 내용이 사라지지 않도록 먼저 `loopcoach sync` 를 실행하세요.
error-no-story = id가 { $id }인 스토리가 없습니다. `loopcoach stories` 로 목록을 볼 수 있습니다.
story-set-done = "{ $title }" ({ $id }) 의 { $part } 을(를) 수정하고 { $path } 에 썼습니다.
story-set-done-db = "{ $title }" ({ $id }) 의 { $part } 을(를) 워크스페이스에서 수정했습니다 (파일에는 쓰지 않음).

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
empty-workspace = 워크스페이스가 비어 있습니다. `loopcoach import FILE` 을 실행하세요.
show-document = { $path } ({ $id })
show-front-matter = front matter: { $keys }
show-round = { $ordinal }차: { $title }
show-counts = 섹션 { $sections }개, 질문 { $questions }개, 스토리 { $stories }개, 원칙 { $principles }개
blank = (비어 있음)

## labs
lab-written = 실습 { $id } ({ $kind }) 을(를) { $dir } 에 만들었습니다. TICKET.md 를 읽고 원인을 찾은 뒤 `loopcoach lab check { $dir } --answer "…"` 로 답하세요.
lab-verdict-right = 정답입니다: { $causes }.
lab-verdict-partly = 부분 정답입니다. 방향은 맞지만 원인을 더 구체적으로 짚어 보세요.
lab-verdict-wrong = 아닙니다. 산출물을 다시 살펴보세요. `loopcoach lab explain { $dir }` 로 정답을 볼 수 있습니다.
lab-unknown = { $dir } 은(는) 이 워크스페이스가 만든 실습이 아닙니다 (실습 id { $id } 를 모름).
lab-cause = 원인: { $cause }
lab-confirm = 확인 방법:
lab-fix = 해결 방법:
lab-kinds = 실습 종류와 장애 코드:
