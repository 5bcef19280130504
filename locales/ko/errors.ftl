# Errors surface: one message per stable error code (errors-<code with dashes>).
# $limit (number) — the limit a too-short, too-long, too-small or too-large answer broke

errors-field-required = 이 칸을 채워 주세요.
errors-field-too-short = { $limit }글자 이상 입력해 주세요.
errors-field-too-long = { $limit }글자까지만 입력할 수 있습니다.
errors-field-pattern = 형식이 맞지 않습니다. 예시를 보고 다시 입력해 주세요.
errors-field-not-a-number = 숫자만 입력해 주세요.
errors-field-too-small = { $limit } 이상의 숫자를 입력해 주세요.
errors-field-too-large = { $limit } 이하의 숫자를 입력해 주세요.
errors-field-invalid-date = 날짜가 맞지 않습니다. 년, 월, 일을 확인해 주세요.
errors-field-date-in-future = 오늘이나 그 전 날짜를 입력해 주세요.
errors-field-date-in-past = 오늘이나 그 뒤 날짜를 입력해 주세요.
errors-field-resident-number = 유효한 주민등록번호가 아닙니다. 숫자를 하나씩 다시 확인해 주세요.
errors-field-resident-number-length = 주민등록번호는 { $limit }자리입니다. 빠진 숫자나 더 들어간 숫자가 없는지 확인해 주세요.
errors-field-mobile = 휴대전화 번호가 맞지 않습니다. 010으로 시작하는 번호를 넣어 주세요.
errors-field-phone = 전화번호가 맞지 않습니다. 지역번호를 포함해 입력해 주세요.
errors-field-postcode = 우편번호는 숫자 5자리입니다.
errors-field-unknown-choice = 보기 중에서 골라 주세요.
errors-field-consent-required = 신청하려면 동의가 필요합니다.
errors-field-wrong-shape = 입력한 값을 받을 수 없습니다. 다시 입력해 주세요.
errors-field-can = 카드 번호는 숫자 6자리입니다. 다시 확인해 주세요.
errors-outbox-disk-full = 기계에 저장 공간이 부족해 신청을 저장하지 못했습니다. 입력하신 내용은 그대로 있습니다. 직원을 불러 주세요.
errors-outbox-storage = 신청을 저장하지 못했습니다. 입력하신 내용은 그대로 있습니다. 다시 눌러 주시거나 직원을 불러 주세요.
errors-outbox-seal = 신청을 안전하게 저장하지 못했습니다. 직원을 불러 주세요.
errors-api-unreachable = 키오스크가 잠시 응답하지 않습니다. 잠시 뒤 다시 눌러 주세요.
errors-api-unknown-locale = 지원하지 않는 언어입니다.
errors-api-bad-request = 요청을 처리하지 못했습니다. 다시 시도해 주세요.
errors-card-access-denied = 신분증을 열지 못했습니다. 여권 번호와 날짜가 신분증에 적힌 것과 같은지 확인해 주세요.
errors-card-wrong-can = 카드 번호(CAN)가 이 신분증과 맞지 않습니다. 신분증 앞면에 적힌 숫자 여섯 자리를 다시 확인해 주세요.
errors-card-can-unsupported = 이 신분증은 카드 번호(CAN)로 열 수 없습니다. 여권 번호와 날짜로 다시 해 주세요.
errors-card-wrong-mrz = 여권 번호나 날짜의 형식이 맞지 않습니다. 다시 확인해 주세요.
errors-card-removed = 다 읽기 전에 신분증을 떼셨습니다. 다시 올려놓고 잠시 그대로 두세요.
errors-card-unsupported = 이 카드는 읽을 수 없습니다. 전자여권이나 전자 신분증을 올려 주시거나, 직접 입력해 주세요.
errors-card-protocol = 신분증을 읽는 중에 문제가 생겼습니다. 다시 올려놓아 주세요.
errors-card-no-reader = 신분증 판독기가 연결되어 있지 않습니다. 직접 입력해 주세요.
errors-card-transport = 신분증 판독기와 연결이 끊겼습니다. 다시 시도하시거나 직접 입력해 주세요.
errors-card-tampered = 신분증 칩의 정보가 발급 기관의 서명과 맞지 않아 쓸 수 없습니다. 직접 입력하시거나 직원을 불러 주세요.
