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
errors-field-resident-number = 주민등록번호가 맞지 않습니다. 13자리를 다시 확인해 주세요.
errors-field-mobile = 휴대전화 번호가 맞지 않습니다. 010으로 시작하는 번호를 넣어 주세요.
errors-field-phone = 전화번호가 맞지 않습니다. 지역번호를 포함해 입력해 주세요.
errors-field-postcode = 우편번호는 숫자 5자리입니다.
errors-field-unknown-choice = 보기 중에서 골라 주세요.
errors-field-consent-required = 신청하려면 동의가 필요합니다.
errors-field-wrong-shape = 입력한 값을 받을 수 없습니다. 다시 입력해 주세요.
errors-outbox-disk-full = 기계에 저장 공간이 부족해 신청을 저장하지 못했습니다. 입력하신 내용은 그대로 있습니다. 직원을 불러 주세요.
errors-outbox-storage = 신청을 저장하지 못했습니다. 입력하신 내용은 그대로 있습니다. 다시 눌러 주시거나 직원을 불러 주세요.
errors-outbox-seal = 신청을 안전하게 저장하지 못했습니다. 직원을 불러 주세요.
errors-api-unreachable = 키오스크가 잠시 응답하지 않습니다. 잠시 뒤 다시 눌러 주세요.
errors-api-unknown-locale = 지원하지 않는 언어입니다.
errors-api-bad-request = 요청을 처리하지 못했습니다. 다시 시도해 주세요.
