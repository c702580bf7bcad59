# 준비도 보고서, 루프 계획, 면접 당일 시트 (한국어). readiness.en.ftl과 같은 id.

readiness-part-situation = 상황(S)
readiness-part-task = 과제(T)
readiness-part-action = 행동(A)
readiness-part-result = 결과(R)

readiness-uncovered = { $principle }에 해당하는 스토리가 없습니다.
readiness-uncovered-fix = { $principle } 스토리를 STAR 형식으로 작성하세요: { $summary }
readiness-missing-part = "{ $story }"에 { $part }가 없습니다.
readiness-missing-part-fix = "{ $story }"에 { $part } 줄을 추가하세요.
readiness-empty-part = "{ $story }"의 { $part }가 비어 있습니다.
readiness-empty-part-fix = "{ $story }"의 { $part }를 작성하세요.
readiness-unfinished-part = "{ $story }"의 { $part }가 미완성으로 보입니다: "{ $text }".
readiness-unfinished-part-fix = "{ $story }"의 { $part }를 완전한 문장으로 마무리하세요.
readiness-no-metric = "{ $story }"의 결과에 측정 가능한 성과가 없습니다.
readiness-no-metric-fix = "{ $story }"의 결과에 숫자를 넣으세요: 퍼센트, 기간, 금액, 횟수 등.
readiness-we-heavy = "{ $story }"의 행동이 "나"({ $i }회)보다 "우리"({ $we }회) 중심으로 서술되어 있습니다.
readiness-we-heavy-fix = "{ $story }"의 행동을 "저는/제가"로 다시 쓰세요: 내가 직접 결정하고 한 일.
readiness-too-short = "{ $story }"는 말하는 데 약 { $seconds }초 걸려 { $min }초보다 짧습니다.
readiness-too-short-fix = "{ $story }"에 (주로 행동에) 내용을 보태 { $min }–{ $max }초로 맞추세요.
readiness-too-long = "{ $story }"는 말하는 데 약 { $seconds }초 걸려 { $max }초보다 깁니다.
readiness-too-long-fix = "{ $story }"를 { $min }–{ $max }초로 줄이세요: 상황은 짧게, 행동은 남기고.
readiness-draft-question = { $number }번 질문({ $title })의 초안은 스토리처럼 읽히지만 STAR 표시가 없습니다. 들어 있는 것: { $parts }.
readiness-draft-question-fix = { $number }번 질문의 초안을 S:, T:, A:, R: 줄로 나누고 빠진 부분을 채우세요.
readiness-draft-principle = { $section } 아래 메모는 스토리처럼 읽히지만 STAR 표시가 없습니다. 들어 있는 것: { $parts }.
readiness-draft-principle-fix = { $section } 아래 메모를 STAR 스토리(S:, T:, A:, R:)로 정리하세요.
readiness-blank-question = { $number }번 질문이 비어 있습니다: 제목도 답변도 없습니다.
readiness-blank-question-fix = { $number }번 질문과 답변 초안을 쓰거나, 질문을 지우세요.
readiness-blank-title = { $number }번 질문에 답변은 있지만 제목이 없습니다.
readiness-blank-title-fix = { $number }번에서 답하려는 질문을 적으세요.
readiness-blank-answer = { $number }번 질문({ $title })에 답변이 없습니다.
readiness-blank-answer-fix = { $number }번 질문({ $title })의 답변 초안을 쓰세요. STAR 스토리면 더 좋습니다.
readiness-empty-point = { $number }번 질문({ $title })의 { $marker } 항목이 비어 있습니다.
readiness-empty-point-fix = { $number }번 질문의 { $marker } 항목을 채우거나 지우세요.
readiness-over-reliance = { $project } 프로젝트가 { $count }곳에서 쓰였습니다({ $max }곳 초과). 같은 프로젝트를 반복하면 면접관들이 새로 알게 되는 것이 적습니다.
readiness-over-reliance-fix = { $project }는 최대 { $max }개 원칙에만 쓰고, 나머지는 다른 프로젝트의 경험을 준비하세요.
readiness-over-reliance-story = "{ $story }"가 { $count }개 원칙에 쓰였습니다({ $max }개 초과).
readiness-over-reliance-story-fix = "{ $story }"는 최대 { $max }개 원칙에만 쓰고, 나머지는 다른 스토리를 준비하세요.

report-title = 면접 준비도
report-overall = 전체 준비도: { $score }/100
report-components = 원칙 { $p }% · 스토리 { $s }% · 질문 { $q }% · 과다 사용 −{ $o }
report-principles = 리더십 원칙
report-findings = 발견 사항
report-next-actions = 다음에 할 일
report-coverage = 커버리지 매트릭스
report-coverage-note = 행: 원칙, 열: 스토리. 진할수록 강한 연결 (명시 1.0, 추론 = 신뢰도).
report-more-stories = 표시하지 않은 스토리 { $count }개가 더 있습니다.
report-col-principle = 원칙
report-col-score = 점수
report-col-stories = 스토리
report-col-kind = 종류
report-col-target = 대상
report-col-part = 부분
report-col-message = 내용
report-col-fix = 고칠 점
report-col-gain = 효과
report-no-findings = 고칠 것이 없습니다.
report-none = (없음)
report-gain = +{ $gain }

plan-title = 면접 루프 계획
plan-interviewer = 면접관 { $n }
plan-bar-raiser = 바 레이저
plan-col-interviewer = 면접관
plan-col-principle = 원칙
plan-col-story = 스토리
plan-col-backup = 예비
plan-col-fit = 적합도
plan-total = 전체 적합도: { $fit }
plan-uncovered = 스토리가 없는 슬롯: { $slots }
plan-no-story = (스토리 없음)

sheet-title = 면접 당일 시트
sheet-story = 스토리
sheet-number = 꼭 말할 숫자
sheet-backup = 예비 스토리
sheet-no-number = (아직 숫자 없음: 추가하세요)
sheet-empty-part = (아직 작성하지 않음)

## issue 20: the report for a terminal (kinds, groups, concrete actions)
report-kind-uncovered-principle = 스토리 없음
report-kind-missing-part = 빠진 부분
report-kind-unfinished-part = 미완성
report-kind-no-metric = 수치 없음
report-kind-we-heavy = '나'보다 '우리'
report-kind-length = 길이
report-kind-unlabelled-draft = STAR 표시 없는 초안
report-kind-blank-question = 빈 질문
report-kind-over-reliance = 한 프로젝트에 치우침
report-group-story = 스토리: { $title }{ $place }
report-group-principles = 아직 스토리가 없는 원칙:
report-group-questions = 질문:
report-group-other = 스토리 전체:
report-action-turn-draft = { $principle } 초안({ $place })을 S/T/A/R로 정리하세요: 이 원칙에 빠진 스토리입니다.
plan-to-do = 스토리가 없는 자리에 할 일:
plan-action-draft = 면접관 { $n }, { $principle }: 초안({ $place })을 S/T/A/R로 정리하세요.
plan-action-write = 면접관 { $n }, { $principle }: 이런 경험의 스토리를 쓰세요. { $summary }
plan-sheet-advice = 이것을 보여 줄 스토리를 쓰세요: { $summary }

## issue 20: the one-page sheet
sheet-advice-draft = 초안({ $place })을 S/T/A/R로 정리하세요. 기준: { $summary }
