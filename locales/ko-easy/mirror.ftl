# The smart mirror in easy Korean: short sentences, everyday words.

mirror-name = 민원 안내
mirror-attract = 화면을 눌러 보세요
mirror-choose = 무엇이 궁금하세요?
# $n: this step, $total: how many steps the topic has.
mirror-step = { $total }개 중 { $n }번째
mirror-next = 다음
mirror-previous = 앞으로
mirror-topics = 다른 것 보기
mirror-slow = 천천히
mirror-replay = 수어 다시
mirror-speak = 소리로 듣기
mirror-language = 말
mirror-text-size = 글자 크기
mirror-contrast = 잘 보이게
mirror-sign = 수어 영상
mirror-sample = 수어 예시예요. 진짜 수어가 아니에요.

mirror-topic-passport-reissue = 여권 다시 받기
    .summary = 여권을 새로 받는 방법이에요.
mirror-topic-passport-reissue-step-bring = 지금 여권, 여권 사진 1장, 신분증을 가져오세요. 사진은 6개월 안에 찍은 것이어야 해요.
mirror-topic-passport-reissue-step-kiosk = 키오스크에서 ‘여권 재발급 신청’을 누르세요. 여권을 올려놓으면 이름이 저절로 들어가요.
mirror-topic-passport-reissue-step-counter = 번호가 나오면 여권 창구에 가세요. 사진을 내고 돈을 내요.
mirror-topic-passport-reissue-step-collect = 새 여권이 나오면 알려 드려요. 받으러 올 때 신분증을 가져오세요.

mirror-topic-lost-item = 잃어버린 물건 신고
    .summary = 물건을 잃어버렸을 때 하는 방법이에요.
mirror-topic-lost-item-step-what = 무엇을, 언제, 어디서 잃어버렸는지 생각해 보세요. 색깔도 좋아요.
mirror-topic-lost-item-step-kiosk = 키오스크에서 ‘분실물 신고’를 누르고 하나씩 답하세요.
mirror-topic-lost-item-step-contact = 물건을 찾으면 휴대전화로 연락해요. lost112.go.kr에서도 찾아볼 수 있어요.

mirror-topic-moving-in = 이사하고 주소 바꾸기
    .summary = 이사한 뒤 새 주소를 알리는 방법이에요.
mirror-topic-moving-in-step-when = 이사하고 14일 안에 해야 해요.
mirror-topic-moving-in-step-bring = 신분증을 가져오세요. 다른 집에 들어가 살면 그 집 세대주가 확인해야 해요.
mirror-topic-moving-in-step-where = 가까운 주민센터나 정부24(www.gov.kr)에서 할 수 있어요. 키오스크에서도 시작할 수 있어요.

mirror-topic-resident-certificate = 등본, 초본 받기
    .summary = 등본과 초본을 받는 방법이에요.
mirror-topic-resident-certificate-step-kiosk = 키오스크에서 ‘주민등록표 등·초본 발급’을 누르세요.
mirror-topic-resident-certificate-step-id = 신분증을 준비하세요.
mirror-topic-resident-certificate-step-receive = 번호를 창구에 말하면 받을 수 있어요.

mirror-topic-counter-3 = 3번 창구 가는 길
    .summary = 입구에서 3번 창구까지 가는 길이에요.
mirror-topic-counter-3-step-ticket = 입구 오른쪽 기계에서 번호표를 뽑으세요.
mirror-topic-counter-3-step-walk = 키오스크를 지나 열 걸음 가면 왼쪽에 3번 창구가 있어요.
mirror-topic-counter-3-step-wait = 화면에 내 번호가 나오면 3번 창구로 가세요.
