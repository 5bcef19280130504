# 쉬운 한국어. Errors surface: one message per stable error code (errors-<code with dashes>).
# $limit (number) — the limit a too-short, too-long, too-small or too-large answer broke

errors-field-required = 이 칸이 비어 있어요. 써넣어 주세요.
errors-field-too-short = { $limit }글자보다 많이 써 주세요.
errors-field-too-long = { $limit }글자까지만 쓸 수 있어요.
errors-field-pattern = 쓰는 방법이 틀렸어요. 보기를 보고 다시 써 주세요.
errors-field-not-a-number = 숫자만 써 주세요.
errors-field-too-small = { $limit }보다 작으면 안 돼요.
errors-field-too-large = { $limit }보다 크면 안 돼요.
errors-field-invalid-date = 없는 날짜예요. 년, 월, 일을 다시 보세요.
errors-field-date-in-future = 오늘이나 그 전 날짜를 써 주세요.
errors-field-date-in-past = 오늘이나 그 뒤 날짜를 써 주세요.
errors-field-resident-number = 맞는 주민등록번호가 아니에요. 숫자를 하나씩 다시 보세요.
errors-field-resident-number-length = 주민등록번호는 숫자 { $limit }개예요. 빠지거나 더 들어간 숫자가 없는지 보세요.
errors-field-mobile = 휴대전화 번호가 틀렸어요. 010으로 시작하는 번호를 써 주세요.
errors-field-phone = 전화번호가 틀렸어요. 앞에 지역 번호(서울은 02)도 써 주세요.
errors-field-postcode = 우편번호는 숫자 5개예요.
errors-field-unknown-choice = 보기에서 하나를 골라 주세요.
errors-field-consent-required = 신청하려면 '좋습니다'를 눌러 주세요.
errors-field-wrong-shape = 이 내용은 받을 수 없어요. 다시 써 주세요.
errors-field-can = 카드 번호는 숫자 6개예요. 다시 보세요.
errors-outbox-disk-full = 기계에 자리가 모자라서 신청을 저장하지 못했어요. 써넣은 내용은 그대로 있어요. 직원을 불러 주세요.
errors-outbox-storage = 신청을 저장하지 못했어요. 써넣은 내용은 그대로 있어요. 다시 누르거나 직원을 불러 주세요.
errors-outbox-seal = 신청을 안전하게 저장하지 못했어요. 직원을 불러 주세요.
errors-api-unreachable = 키오스크가 잠깐 멈췄어요. 조금 뒤에 다시 눌러 주세요.
errors-api-unknown-locale = 이 말은 쓸 수 없어요.
errors-api-bad-request = 잘 안 됐어요. 다시 해 주세요.
errors-card-access-denied = 신분증을 열지 못했어요. 여권 번호와 날짜가 신분증에 적힌 것과 같은지 보세요.
errors-card-wrong-can = 카드 번호가 이 신분증과 달라요. 신분증 앞에 적힌 숫자 6개를 다시 보세요.
errors-card-can-unsupported = 이 신분증은 카드 번호로 열 수 없어요. 여권 번호와 날짜로 해 주세요.
errors-card-wrong-mrz = 여권 번호나 날짜를 잘못 썼어요. 다시 보세요.
errors-card-removed = 다 읽기 전에 신분증을 치우셨어요. 다시 올려놓고 가만히 두세요.
errors-card-unsupported = 이 카드는 읽을 수 없어요. 전자여권이나 전자 신분증을 올려놓거나, 손으로 써넣어 주세요.
errors-card-protocol = 신분증을 읽다가 잘 안 됐어요. 다시 올려놓아 주세요.
errors-card-no-reader = 신분증을 읽는 기계가 없어요. 손으로 써넣어 주세요.
errors-card-transport = 신분증을 읽는 기계가 멈췄어요. 다시 해 보거나 손으로 써넣어 주세요.
errors-card-tampered = 신분증 칩 속 내용이 바뀐 것 같아서 쓸 수 없어요. 손으로 써넣거나 직원을 불러 주세요.
