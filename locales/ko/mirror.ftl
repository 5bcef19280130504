# The smart mirror's screen (mirror/, ui/mirror/) and its guidance topics (assets/topics/).

mirror-name = 민원 안내
# Shown while nobody is at the mirror and topics play one after another.
mirror-attract = 화면을 누르면 안내를 시작합니다
mirror-choose = 무엇을 알려 드릴까요?
# $n: this step, $total: how many steps the topic has.
mirror-step = { $n } / { $total } 단계
mirror-next = 다음
mirror-previous = 이전
mirror-topics = 다른 안내 보기
mirror-slow = 천천히 보기
mirror-replay = 수어 다시 보기
mirror-speak = 소리로 듣기
mirror-language = 언어
mirror-text-size = 글자 크기
mirror-contrast = 고대비
mirror-sign = 수어 영상
mirror-sample = 수어 예시 · 실제 수어가 아닙니다

mirror-topic-passport-reissue = 여권 재발급
    .summary = 여권을 새로 받는 방법을 안내합니다.
mirror-topic-passport-reissue-step-bring = 준비물은 지금 가진 여권, 6개월 안에 찍은 여권 사진 1장(가로 3.5cm, 세로 4.5cm), 신분증입니다.
mirror-topic-passport-reissue-step-kiosk = 민원 키오스크에서 ‘여권 재발급 신청’을 고르세요. 여권을 리더에 올려놓으면 이름과 생년월일이 채워집니다.
mirror-topic-passport-reissue-step-counter = 접수 번호가 나오면 여권 창구에서 사진을 내고 수수료를 냅니다.
mirror-topic-passport-reissue-step-collect = 새 여권이 나오면 알려 드립니다. 받으러 올 때 신분증을 가져오세요.

mirror-topic-lost-item = 분실물 신고
    .summary = 물건을 잃어버렸을 때 신고하는 방법입니다.
mirror-topic-lost-item-step-what = 무엇을, 언제, 어디에서 잃어버렸는지 떠올려 보세요. 색과 상표도 도움이 됩니다.
mirror-topic-lost-item-step-kiosk = 민원 키오스크에서 ‘분실물 신고’를 고르고 차례대로 답하세요. 여러 언어로 할 수 있습니다.
mirror-topic-lost-item-step-contact = 물건을 찾으면 남긴 휴대전화 번호로 연락합니다. 경찰청 유실물 통합포털(lost112.go.kr)에서도 찾아볼 수 있습니다.

mirror-topic-moving-in = 전입신고
    .summary = 이사한 뒤 새 주소를 신고하는 방법입니다.
mirror-topic-moving-in-step-when = 이사한 날부터 14일 안에 신고하세요.
mirror-topic-moving-in-step-bring = 신분증을 가져오세요. 다른 세대에 들어가 사는 경우에는 그 세대주의 확인이 필요합니다.
mirror-topic-moving-in-step-where = 가까운 주민센터나 정부24(www.gov.kr)에서 신고할 수 있습니다. 민원 키오스크에서도 시작할 수 있습니다.

mirror-topic-resident-certificate = 주민등록표 등·초본 발급
    .summary = 등본과 초본을 받는 방법입니다.
mirror-topic-resident-certificate-step-kiosk = 민원 키오스크에서 ‘주민등록표 등·초본 발급’을 고르세요.
mirror-topic-resident-certificate-step-id = 본인 확인을 위해 신분증을 준비하세요.
mirror-topic-resident-certificate-step-receive = 접수 번호를 창구에 말하면 발급해 드립니다.

mirror-topic-counter-3 = 3번 창구는 어디인가요?
    .summary = 입구에서 3번 창구까지 가는 길입니다.
mirror-topic-counter-3-step-ticket = 입구 오른쪽 번호표 기계에서 번호표를 뽑으세요.
mirror-topic-counter-3-step-walk = 키오스크를 지나 열 걸음 앞으로 가면 왼쪽에 3번 창구가 있습니다.
mirror-topic-counter-3-step-wait = 화면에 내 번호가 나오면 3번 창구로 가세요.
