# 쉬운 한국어. Forms surface: titles, questions (with .hint), field labels and choices of the bundled forms.
# 어려운 행정 용어는 쉬운 말로 풀고, 필요하면 괄호 안에 원래 말을 함께 씁니다.

## Shared by several forms

forms-common-step-resident-number = 주민등록번호를 써 주세요
    .hint = 숫자 13개예요. 가운데 줄(-)은 안 써도 돼요.
forms-common-resident-number = 주민등록번호
forms-common-step-mobile = 휴대전화 번호를 알려 주세요
    .hint = 일이 끝나면 문자로 알려 드려요. 보기: 010-1234-5678
forms-common-mobile = 휴대전화 번호
forms-common-step-consent = 내 정보를 이 일에 써도 되는지 골라 주세요
forms-common-privacy-consent = 내 정보를 써도 좋아요 (개인정보 동의)

# The consent notice (개인정보 보호법 §15(2)): each term, and its .text (the items are the labels
# of the form's personal fields, listed by the kiosk).
forms-consent-purpose = 왜 모으나요
    .text = 신청하신 일을 처리하고, 결과를 알려 드리려고 모읍니다.
forms-consent-items = 무엇을 모으나요
forms-consent-retention = 얼마나 가지고 있나요
    .text = 키오스크는 담당 기관에 보낼 때까지만 잠가서 가지고 있다가, 보내면 바로 지웁니다. 담당 기관은 법에서 정한 기간 동안 가지고 있다가 지웁니다.
forms-consent-refusal = 싫다고 할 수 있나요
    .text = 네, 싫다고 하셔도 됩니다. 그러면 키오스크로는 신청할 수 없어요. 창구에서 직원에게 신청해 주세요.

## 여권 재발급 신청

forms-passport-reissue = 여권 다시 만들기
    .summary = 날짜가 지났거나 잃어버린 여권을 새로 만들어요
forms-passport-reissue-step-reason = 여권을 왜 새로 만드세요?
forms-passport-reissue-reason = 새로 만드는 까닭
forms-passport-reissue-reason-expired = 쓸 수 있는 날짜가 지났어요
forms-passport-reissue-reason-lost = 잃어버렸어요
forms-passport-reissue-reason-damaged = 찢어지거나 망가졌어요
forms-passport-reissue-reason-changed-details = 이름 같은 내용이 바뀌었어요
forms-passport-reissue-reason-pages-full = 도장 찍을 쪽이 모자라요
forms-passport-reissue-step-loss-date = 여권을 언제 잃어버렸어요?
    .hint = 잘 모르면 가장 가까운 날짜를 넣어요.
forms-passport-reissue-loss-date = 잃어버린 날
forms-passport-reissue-step-loss-place = 어디에서 잃어버렸어요?
    .hint = 예: 인천공항, 집 근처
forms-passport-reissue-loss-place = 잃어버린 곳
forms-passport-reissue-step-loss-how = 어떻게 잃어버렸어요?
forms-passport-reissue-loss-how = 잃어버린 까닭
forms-passport-reissue-loss-how-misplaced = 어디에 두었는지 몰라요
forms-passport-reissue-loss-how-stolen = 누가 가져갔어요
forms-passport-reissue-loss-how-unknown = 잘 몰라요
forms-passport-reissue-step-pages = 여권이 몇 쪽이면 좋으세요?
    .hint = 외국에 자주 가시면 58쪽이 좋아요. 내는 돈이 조금 달라요.
forms-passport-reissue-pages = 여권 쪽수
forms-passport-reissue-pages-58 = 58쪽
forms-passport-reissue-pages-26 = 26쪽
forms-passport-reissue-step-name-latin = 여권에 들어갈 영어 이름을 써 주세요
    .hint = 지금 여권에 있는 영어 이름과 똑같이 쓰면 돼요.
forms-passport-reissue-surname = 영어 성
forms-passport-reissue-given-names = 영어 이름
forms-passport-reissue-step-name-korean = 한글 이름을 써 주세요
forms-passport-reissue-name-korean = 한글 이름
forms-passport-reissue-step-old-passport = 지금 여권의 번호를 써 주세요
    .hint = 여권 사진이 있는 쪽 오른쪽 위에 있어요. 잃어버려서 모르면 비워 두세요.
forms-passport-reissue-old-passport-number = 지금 여권 번호
forms-passport-reissue-step-address = 사는 곳 주소를 써 주세요
forms-passport-reissue-address = 주소
forms-passport-reissue-step-emergency-name = 급할 때 연락할 사람의 이름을 써 주세요
    .hint = 외국에서 사고가 나면 연락할 가족이나 아는 사람이에요.
forms-passport-reissue-emergency-name = 연락할 사람 이름
forms-passport-reissue-step-emergency-relation = 그 사람은 나와 어떤 사이인가요?
forms-passport-reissue-emergency-relation = 나와 어떤 사이인가요
forms-passport-reissue-emergency-relation-spouse = 남편이나 아내
forms-passport-reissue-emergency-relation-parent = 부모님
forms-passport-reissue-emergency-relation-child = 자식
forms-passport-reissue-emergency-relation-sibling = 형제나 자매
forms-passport-reissue-emergency-relation-other = 다른 사이
forms-passport-reissue-step-emergency-phone = 그 사람의 전화번호를 써 주세요
forms-passport-reissue-emergency-phone = 연락할 사람 전화번호
forms-passport-reissue-step-photo = 여권 사진은 어떻게 내실 거예요?
    .hint = 6달 안에 찍은 사진이 필요해요. 가로 3.5cm, 세로 4.5cm예요.
forms-passport-reissue-photo = 여권 사진

## 분실물 신고

forms-lost-item-report = 잃어버린 물건 알리기
    .summary = 잃어버린 물건을 알리면, 찾았을 때 연락을 드려요
forms-lost-item-report-step-item = 무엇을 잃어버리셨어요?
forms-lost-item-report-item = 잃어버린 물건
forms-lost-item-report-item-wallet = 지갑
forms-lost-item-report-item-phone = 휴대전화
forms-lost-item-report-item-bag = 가방
forms-lost-item-report-item-id-card = 신분증
forms-lost-item-report-item-keys = 열쇠
forms-lost-item-report-item-other = 다른 물건
forms-lost-item-report-step-contents = 안에 무엇이 있었는지 모두 골라 주세요
    .hint = 없으면 안 고르고 다음으로 가도 돼요.
forms-lost-item-report-contents = 안에 있던 것
forms-lost-item-report-contents-id-card = 신분증
forms-lost-item-report-contents-bank-card = 은행 카드
forms-lost-item-report-contents-cash = 돈
forms-lost-item-report-contents-driving-licence = 운전면허증
forms-lost-item-report-contents-residence-card = 외국인등록증
forms-lost-item-report-contents-other = 다른 것
forms-lost-item-report-step-description = 물건이 어떻게 생겼는지 알려 주세요
    .hint = 색깔, 크기, 회사 이름처럼 알아보기 쉬운 것을 써 주세요.
forms-lost-item-report-description = 물건 모양
forms-lost-item-report-step-when = 언제 잃어버리셨어요?
    .hint = 잘 모르면 가장 비슷한 날짜를 써 주세요.
forms-lost-item-report-lost-date = 잃어버린 날
forms-lost-item-report-step-where-area = 어디에서 잃어버렸어요?
forms-lost-item-report-lost-area = 잃어버린 곳
forms-lost-item-report-lost-area-transport = 버스, 지하철 같은 탈것
forms-lost-item-report-lost-area-street = 길, 공원, 시장
forms-lost-item-report-lost-area-building = 건물 안
forms-lost-item-report-lost-area-other = 다른 곳
forms-lost-item-report-step-where-spot = 그중 어디였어요?
forms-lost-item-report-lost-spot = 잃어버린 장소
forms-lost-item-report-lost-spot-bus = 버스
forms-lost-item-report-lost-spot-subway = 지하철
forms-lost-item-report-lost-spot-taxi = 택시
forms-lost-item-report-lost-spot-train = 기차
forms-lost-item-report-lost-spot-road = 길
forms-lost-item-report-lost-spot-park = 공원
forms-lost-item-report-lost-spot-market = 시장
forms-lost-item-report-lost-spot-office = 관공서
forms-lost-item-report-lost-spot-shop = 가게
forms-lost-item-report-lost-spot-restaurant = 식당
forms-lost-item-report-lost-spot-hospital = 병원
forms-lost-item-report-step-where = 정확히 어디였는지 써 주세요
    .hint = 보기: 종로3가역 1호선 타는 곳, 152번 버스
forms-lost-item-report-lost-place = 잃어버린 곳
forms-lost-item-report-step-name = 이름을 알려 주세요
forms-lost-item-report-name = 이름
forms-lost-item-report-step-contact = 물건을 찾으면 어떻게 알려 드릴까요?
forms-lost-item-report-step-mobile = 물건을 찾으면 연락할 휴대전화 번호를 써 주세요
forms-lost-item-report-mobile = 휴대전화 번호
forms-lost-item-report-contact-by = 알려 드리는 방법
forms-lost-item-report-contact-by-text-message = 문자로 받을게요
forms-lost-item-report-contact-by-call = 전화로 받을게요

## 전입신고

forms-moving-in-report = 이사 왔다고 알리기 (전입신고)
    .summary = 이사한 뒤 14일 안에 새 주소를 알려요
forms-moving-in-report-step-name = 알리시는 분의 이름을 써 주세요
forms-moving-in-report-name = 이름
forms-moving-in-report-step-previous-address = 이사 오기 전에 살던 곳 주소를 써 주세요
    .hint = 신분증 뒤에 적힌 주소예요.
forms-moving-in-report-previous-address = 전에 살던 곳
forms-moving-in-report-step-new-address = 새로 이사 온 곳 주소를 써 주세요
    .hint = 동, 호까지 꼭 써 주세요.
forms-moving-in-report-new-address = 새로 사는 곳
forms-moving-in-report-step-move-date = 언제 이사하셨어요?
    .hint = 이사한 날부터 14일 안에 알려야 해요.
forms-moving-in-report-move-date = 이사한 날
forms-moving-in-report-step-household = 누구와 한 집으로 올리세요?
forms-moving-in-report-household = 한 집 식구 (세대)
forms-moving-in-report-household-new-household = 새로 한 집을 만들어요
forms-moving-in-report-household-join-household = 이미 있는 집에 들어가요
forms-moving-in-report-step-relation = 집 대표(세대주)와 어떤 사이인가요?
forms-moving-in-report-relation = 집 대표(세대주)와 어떤 사이인가요
forms-moving-in-report-relation-head = 내가 집 대표예요
forms-moving-in-report-relation-spouse = 남편이나 아내
forms-moving-in-report-relation-child = 자식
forms-moving-in-report-relation-parent = 부모님
forms-moving-in-report-relation-sibling = 형제나 자매
forms-moving-in-report-relation-other = 다른 사이
forms-moving-in-report-step-members = 나 말고 같이 이사한 사람은 몇 명이에요?
    .hint = 혼자 이사했으면 0을 넣어요.
forms-moving-in-report-members = 같이 이사한 사람 수
forms-moving-in-report-step-member = 같이 이사한 사람을 알려 주세요
forms-moving-in-report-member-name = 이름
forms-moving-in-report-member-resident-number = 주민등록번호
forms-moving-in-report-member-relation = 세대주와 어떤 사이예요?
forms-moving-in-report-member-relation-spouse = 남편이나 아내
forms-moving-in-report-member-relation-child = 자녀
forms-moving-in-report-member-relation-parent = 부모
forms-moving-in-report-member-relation-sibling = 형제자매
forms-moving-in-report-member-relation-other = 다른 사이

## 책이음 회원가입

forms-library-card = 책이음 도서관 회원 되기
    .summary = 카드 한 장으로 여러 도서관에서 책을 빌려요
forms-library-card-step-name = 이름을 써 주세요
forms-library-card-name = 이름
forms-library-card-step-birth-date = 태어난 날을 써 주세요
    .hint = 14살이 안 된 어린이는 엄마, 아빠 같은 보호자와 함께 가입해 주세요.
forms-library-card-birth-date = 태어난 날
forms-library-card-step-address = 사는 곳 주소를 써 주세요
forms-library-card-address = 주소
forms-library-card-step-notices = 어떤 문자를 받고 싶으세요?
    .hint = 받고 싶은 것을 모두 고르세요. 안 골라도 돼요.
forms-library-card-notices = 받을 문자
forms-library-card-notices-due-date = 책 돌려줄 날 알림
forms-library-card-notices-reservation = 기다리던 책이 왔다는 알림
forms-library-card-notices-events = 도서관 행사 소식

## 주민등록표 등·초본 교부 신청

forms-resident-certificate = 주민등록 서류 떼기 (등본, 초본)
    .summary = 주민등록등본이나 초본을 신청해요
forms-resident-certificate-step-kind = 어떤 서류가 필요하세요?
    .hint = 등본에는 한 집 식구가 모두 나와요. 초본에는 나의 주소가 바뀐 기록이 나와요.
forms-resident-certificate-kind = 서류
forms-resident-certificate-kind-copy = 등본 (한 집 식구 모두)
forms-resident-certificate-kind-abstract = 초본 (나의 주소 기록)
forms-resident-certificate-step-name = 이름을 써 주세요
forms-resident-certificate-name = 이름
forms-resident-certificate-step-include = 서류에 넣을 것을 골라 주세요
    .hint = 안 고른 것은 빼고 떼어 드려요. 서류를 낼 곳에서 달라고 한 것만 고르세요.
forms-resident-certificate-include = 넣을 것
forms-resident-certificate-include-past-addresses = 전에 살던 주소들
forms-resident-certificate-include-household-reason = 한 집이 된 까닭
forms-resident-certificate-include-relation-to-head = 집 대표와의 사이
forms-resident-certificate-include-move-in-dates = 이사 온 날, 바뀐 날
forms-resident-certificate-include-full-resident-numbers = 주민등록번호 뒤 7자리
forms-resident-certificate-step-copies = 몇 장이 필요하세요?
forms-resident-certificate-copies = 장 수
forms-resident-certificate-step-purpose = 어디에 내실 거예요?
forms-resident-certificate-purpose = 쓸 곳
forms-resident-certificate-purpose-personal = 내가 보려고
forms-resident-certificate-purpose-bank = 은행에 내려고
forms-resident-certificate-purpose-school = 학교에 내려고
forms-resident-certificate-purpose-employment = 회사에 내려고
forms-resident-certificate-purpose-court = 법원이나 관청에 내려고
forms-resident-certificate-purpose-other = 다른 곳에 내려고
