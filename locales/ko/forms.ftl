# Forms surface: titles, questions (with .hint), field labels and choices of the bundled forms.
# Ids follow docs/forms.md: forms-<form>, forms-<form>-step-<step>, forms-<form>-<field>, forms-<form>-<field>-<choice>.

## Shared by several forms

forms-common-step-resident-number = 주민등록번호를 입력해 주세요
    .hint = 13자리 숫자입니다. 가운데 줄(-)은 넣지 않아도 됩니다.
forms-common-resident-number = 주민등록번호
forms-common-step-mobile = 휴대전화 번호를 알려 주세요
    .hint = 처리 결과를 문자로 알려 드립니다. 예: 010-1234-5678
forms-common-mobile = 휴대전화 번호
forms-common-step-consent = 개인정보 수집·이용에 동의해 주세요
forms-common-privacy-consent = 개인정보 수집·이용 동의

# The consent notice (개인정보 보호법 §15(2)): each term, and its .text (the items are the labels
# of the form's personal fields, listed by the kiosk).
forms-consent-purpose = 수집·이용 목적
    .text = 신청하신 민원을 접수하고 처리하며, 처리 결과를 알려 드리기 위해서입니다.
forms-consent-items = 수집 항목
forms-consent-retention = 보유·이용 기간
    .text = 키오스크는 담당 기관에 전달할 때까지만 암호화해 보관하고, 전달하면 바로 지웁니다. 담당 기관은 이 민원 서류의 법정 보존 기간 동안 보관한 뒤 파기합니다.
forms-consent-refusal = 동의를 거부할 권리
    .text = 동의하지 않으셔도 됩니다. 다만 동의하지 않으시면 키오스크로는 신청할 수 없으니, 창구에서 직원에게 신청해 주세요.

## 여권 재발급 신청

forms-passport-reissue = 여권 재발급 신청
    .summary = 기간이 끝났거나 잃어버린 여권을 새로 발급받습니다
forms-passport-reissue-step-reason = 여권을 다시 발급받는 이유는 무엇인가요?
forms-passport-reissue-reason = 재발급 사유
forms-passport-reissue-reason-expired = 유효기간 만료
forms-passport-reissue-reason-lost = 분실
forms-passport-reissue-reason-damaged = 훼손
forms-passport-reissue-reason-changed-details = 기재사항 변경 (이름 등)
forms-passport-reissue-reason-pages-full = 사증란 부족
forms-passport-reissue-step-loss-date = 여권을 언제 잃어버리셨나요?
    .hint = 정확히 모르시면 가장 가까운 날짜를 넣어 주세요.
forms-passport-reissue-loss-date = 분실한 날
forms-passport-reissue-step-loss-place = 어디에서 잃어버리셨나요?
    .hint = 예: 인천공항 제1여객터미널, 집 근처
forms-passport-reissue-loss-place = 분실 장소
forms-passport-reissue-step-loss-how = 어떻게 잃어버리셨나요?
forms-passport-reissue-loss-how = 분실 경위
forms-passport-reissue-loss-how-misplaced = 어디에 두었는지 모릅니다
forms-passport-reissue-loss-how-stolen = 도난당했습니다
forms-passport-reissue-loss-how-unknown = 잘 모르겠습니다
forms-passport-reissue-step-pages = 몇 면짜리 여권을 원하시나요?
    .hint = 외국에 자주 나가시면 58면을 권해 드립니다. 수수료가 조금 다릅니다.
forms-passport-reissue-pages = 여권 면수
forms-passport-reissue-pages-58 = 58면
forms-passport-reissue-pages-26 = 26면
forms-passport-reissue-step-name-latin = 여권에 적힐 영문 이름을 입력해 주세요
    .hint = 지금 여권과 같은 영문 이름을 쓰시면 됩니다.
forms-passport-reissue-surname = 영문 성
forms-passport-reissue-given-names = 영문 이름
forms-passport-reissue-step-name-korean = 한글 이름을 입력해 주세요
forms-passport-reissue-name-korean = 한글 성명
forms-passport-reissue-step-old-passport = 지금 가지고 계신 여권의 번호를 입력해 주세요
    .hint = 여권 사진 면 오른쪽 위에 있습니다. 잃어버려서 모르시면 비워 두셔도 됩니다.
forms-passport-reissue-old-passport-number = 기존 여권 번호
forms-passport-reissue-step-address = 주소를 입력해 주세요
forms-passport-reissue-address = 주소
forms-passport-reissue-step-emergency-name = 급할 때 연락할 분의 이름을 알려 주세요
    .hint = 해외에서 사고가 났을 때 연락드릴 가족이나 지인입니다.
forms-passport-reissue-emergency-name = 비상연락처 성명
forms-passport-reissue-step-emergency-relation = 그분은 신청하시는 분과 어떤 관계인가요?
forms-passport-reissue-emergency-relation = 관계
forms-passport-reissue-emergency-relation-spouse = 배우자
forms-passport-reissue-emergency-relation-parent = 부모
forms-passport-reissue-emergency-relation-child = 자녀
forms-passport-reissue-emergency-relation-sibling = 형제자매
forms-passport-reissue-emergency-relation-other = 그 밖의 관계
forms-passport-reissue-step-emergency-phone = 그분의 전화번호를 알려 주세요
forms-passport-reissue-emergency-phone = 비상연락처 전화번호
forms-passport-reissue-step-photo = 여권 사진을 어떻게 내시겠어요?
    .hint = 6개월 안에 찍은 가로 3.5cm, 세로 4.5cm 사진이 필요합니다.
forms-passport-reissue-photo = 여권 사진

## 분실물 신고

forms-lost-item-report = 분실물 신고
    .summary = 잃어버린 물건을 신고하고 찾으면 연락을 받습니다
forms-lost-item-report-step-item = 무엇을 잃어버리셨나요?
forms-lost-item-report-item = 잃어버린 물건
forms-lost-item-report-item-wallet = 지갑
forms-lost-item-report-item-phone = 휴대전화
forms-lost-item-report-item-bag = 가방
forms-lost-item-report-item-id-card = 신분증
forms-lost-item-report-item-keys = 열쇠
forms-lost-item-report-item-other = 그 밖의 물건
forms-lost-item-report-step-contents = 안에 들어 있던 것을 모두 골라 주세요
    .hint = 없으면 고르지 않고 다음으로 넘어가셔도 됩니다.
forms-lost-item-report-contents = 들어 있던 것
forms-lost-item-report-contents-id-card = 신분증
forms-lost-item-report-contents-bank-card = 은행 카드
forms-lost-item-report-contents-cash = 현금
forms-lost-item-report-contents-driving-licence = 운전면허증
forms-lost-item-report-contents-residence-card = 외국인등록증
forms-lost-item-report-contents-other = 그 밖의 것
forms-lost-item-report-step-description = 물건의 모양을 알려 주세요
    .hint = 색깔, 크기, 상표처럼 알아보기 쉬운 점을 적어 주세요.
forms-lost-item-report-description = 물건 설명
forms-lost-item-report-step-when = 언제 잃어버리셨나요?
    .hint = 정확히 모르시면 가장 가까운 날짜를 넣어 주세요.
forms-lost-item-report-lost-date = 잃어버린 날
forms-lost-item-report-step-where-area = 어디에서 잃어버리셨나요?
forms-lost-item-report-lost-area = 잃어버린 곳의 종류
forms-lost-item-report-lost-area-transport = 버스, 지하철 같은 교통수단
forms-lost-item-report-lost-area-street = 길, 공원, 시장
forms-lost-item-report-lost-area-building = 건물 안
forms-lost-item-report-lost-area-other = 그 밖의 곳
forms-lost-item-report-step-where-spot = 그중 어디였나요?
forms-lost-item-report-lost-spot = 잃어버린 장소
forms-lost-item-report-lost-spot-bus = 버스
forms-lost-item-report-lost-spot-subway = 지하철
forms-lost-item-report-lost-spot-taxi = 택시
forms-lost-item-report-lost-spot-train = 기차
forms-lost-item-report-lost-spot-road = 길거리
forms-lost-item-report-lost-spot-park = 공원
forms-lost-item-report-lost-spot-market = 시장
forms-lost-item-report-lost-spot-office = 관공서
forms-lost-item-report-lost-spot-shop = 가게
forms-lost-item-report-lost-spot-restaurant = 식당
forms-lost-item-report-lost-spot-hospital = 병원
forms-lost-item-report-step-where = 정확히 어디였는지 적어 주세요
    .hint = 예: 종로3가역 1호선 승강장, 152번 버스
forms-lost-item-report-lost-place = 잃어버린 곳
forms-lost-item-report-step-name = 이름을 알려 주세요
forms-lost-item-report-name = 신고인 성명
forms-lost-item-report-step-contact = 물건을 찾으면 어떻게 연락드릴까요?
forms-lost-item-report-step-mobile = 물건을 찾으면 연락드릴 휴대전화 번호를 알려 주세요
forms-lost-item-report-mobile = 휴대전화 번호
forms-lost-item-report-contact-by = 연락 방법
forms-lost-item-report-contact-by-text-message = 문자로 받기
forms-lost-item-report-contact-by-call = 전화로 받기

## 전입신고

forms-moving-in-report = 전입신고
    .summary = 이사한 뒤 새 주소로 주민등록을 옮깁니다 (14일 안에)
forms-moving-in-report-step-name = 신고하시는 분의 이름을 입력해 주세요
forms-moving-in-report-name = 신고인 성명
forms-moving-in-report-step-previous-address = 이사 오기 전 주소를 입력해 주세요
    .hint = 신분증 뒷면에 적힌 주소입니다.
forms-moving-in-report-previous-address = 전 주소
forms-moving-in-report-step-new-address = 새로 이사 온 주소를 입력해 주세요
    .hint = 동·호수까지 정확히 적어 주세요.
forms-moving-in-report-new-address = 새 주소
forms-moving-in-report-step-move-date = 언제 이사하셨나요?
    .hint = 이사한 날부터 14일 안에 신고해야 합니다.
forms-moving-in-report-move-date = 전입일
forms-moving-in-report-step-household = 세대는 어떻게 되나요?
forms-moving-in-report-household = 세대 구성
forms-moving-in-report-household-new-household = 새 세대를 만듭니다
forms-moving-in-report-household-join-household = 이미 있는 세대에 들어갑니다
forms-moving-in-report-step-relation = 세대주와 어떤 관계인가요?
forms-moving-in-report-relation = 세대주와의 관계
forms-moving-in-report-relation-head = 본인이 세대주
forms-moving-in-report-relation-spouse = 배우자
forms-moving-in-report-relation-child = 자녀
forms-moving-in-report-relation-parent = 부모
forms-moving-in-report-relation-sibling = 형제자매
forms-moving-in-report-relation-other = 그 밖의 관계
forms-moving-in-report-step-members = 본인 말고 함께 이사한 사람은 몇 명인가요?
    .hint = 혼자 이사하셨으면 0을 넣어 주세요.
forms-moving-in-report-members = 함께 전입하는 사람 수
forms-moving-in-report-step-member = 함께 이사한 분을 알려 주세요
forms-moving-in-report-member-name = 성명
forms-moving-in-report-member-resident-number = 주민등록번호
forms-moving-in-report-member-relation = 세대주와의 관계
forms-moving-in-report-member-relation-spouse = 배우자
forms-moving-in-report-member-relation-child = 자녀
forms-moving-in-report-member-relation-parent = 부모
forms-moving-in-report-member-relation-sibling = 형제자매
forms-moving-in-report-member-relation-other = 그 밖의 관계

## 책이음 회원가입

forms-library-card = 책이음 도서관 회원가입
    .summary = 카드 하나로 전국의 책이음 도서관에서 책을 빌립니다
forms-library-card-step-name = 이름을 입력해 주세요
forms-library-card-name = 성명
forms-library-card-step-birth-date = 생년월일을 입력해 주세요
    .hint = 14살이 안 된 어린이는 보호자와 함께 가입해 주세요.
forms-library-card-birth-date = 생년월일
forms-library-card-step-address = 주소를 입력해 주세요
forms-library-card-address = 주소
forms-library-card-step-notices = 어떤 안내 문자를 받으시겠어요?
    .hint = 받고 싶은 것을 모두 고르세요. 하나도 고르지 않아도 됩니다.
forms-library-card-notices = 안내 문자
forms-library-card-notices-due-date = 반납일 안내
forms-library-card-notices-reservation = 예약한 책 도착 안내
forms-library-card-notices-events = 도서관 행사 소식

## 주민등록표 등·초본 교부 신청

forms-resident-certificate = 주민등록표 등·초본 발급
    .summary = 주민등록등본이나 초본을 신청합니다
forms-resident-certificate-step-kind = 어떤 서류가 필요하신가요?
    .hint = 등본에는 세대원 모두가, 초본에는 본인의 주소 변동 내역이 나옵니다.
forms-resident-certificate-kind = 서류 종류
forms-resident-certificate-kind-copy = 주민등록표 등본
forms-resident-certificate-kind-abstract = 주민등록표 초본
forms-resident-certificate-step-name = 이름을 입력해 주세요
forms-resident-certificate-name = 성명
forms-resident-certificate-step-include = 서류에 넣을 내용을 골라 주세요
    .hint = 고르지 않은 내용은 빼고 발급합니다. 제출할 곳에서 요구한 것만 고르세요.
forms-resident-certificate-include = 포함할 내용
forms-resident-certificate-include-past-addresses = 과거의 주소 변동 사항
forms-resident-certificate-include-household-reason = 세대 구성 사유
forms-resident-certificate-include-relation-to-head = 세대주와의 관계
forms-resident-certificate-include-move-in-dates = 전입일·변동일
forms-resident-certificate-include-full-resident-numbers = 주민등록번호 뒷자리
forms-resident-certificate-step-copies = 몇 통이 필요하신가요?
forms-resident-certificate-copies = 발급 부수
forms-resident-certificate-step-purpose = 어디에 쓰실 건가요?
forms-resident-certificate-purpose = 용도
forms-resident-certificate-purpose-personal = 개인 확인용
forms-resident-certificate-purpose-bank = 은행·금융기관 제출
forms-resident-certificate-purpose-school = 학교 제출
forms-resident-certificate-purpose-employment = 회사 제출
forms-resident-certificate-purpose-court = 법원·관공서 제출
forms-resident-certificate-purpose-other = 그 밖의 용도
