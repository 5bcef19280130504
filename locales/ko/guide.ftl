# 소리 안내: 화면에 보이는 글에 더해, 눈으로 보지 않고도 쓸 수 있도록 말로만 하는 안내입니다.
guide-welcome = 화면을 누르거나 키패드의 아무 키나 누르면 시작합니다. 화면을 보기 어려우시면 별표 키를 2초 동안 누르세요. 모든 것을 소리로 안내하고 키패드로 쓸 수 있습니다.
guide-choose = 하나를 골라 누르세요. 키패드에서는 위쪽과 아래쪽 키로 옮기고 확인 키를 누릅니다.
guide-step = 모두 { $count }단계 중 { $number }단계입니다.
guide-errors = 고칠 곳이 { $count }곳 있습니다.
guide-choices = 보기가 { $count }개 있습니다.
guide-value = 지금 입력된 값은 { $value }입니다.
guide-value-date = 지금 입력된 날짜는 { $year }년 { $month }월 { $day }일입니다.
guide-shown-hidden = (입력하신 내용)
guide-shown-date = { $year }년 { $month }월 { $day }일
guide-value-empty = 아직 비어 있습니다.
guide-value-hidden = 입력되어 있습니다. 개인정보라서 소리로 읽지 않습니다. 화면에서 확인하시거나 이어폰을 꽂으세요.
guide-value-chosen = 지금 고른 것은 다음과 같습니다.
guide-value-agreed = 동의하셨습니다.
guide-value-photo-chip = 신분증 칩의 사진을 씁니다.
guide-value-photo-counter = 사진은 창구에 내십니다.
guide-next = 다 되었으면 다음 버튼이나 확인 키를 누르세요. 이전 화면으로 가려면 왼쪽 키를 누르세요.
guide-cancel = 처음으로 돌아가려면 네를, 계속하려면 아니요를 누르세요.
guide-warning = { $seconds }초 뒤에 처음 화면으로 돌아가고, 입력하신 내용은 지워집니다. 시간이 더 필요하시면 아무 키나 누르세요.
guide-queue-number = 대기번호는 { $number }번입니다. 이 번호를 부르면 창구로 오세요.
guide-receipt-number = 접수번호는 { $number }입니다.
guide-finish = 다 마치셨으면 마치기를 누르세요. 잠시 뒤에는 저절로 처음 화면으로 돌아갑니다.
guide-help-keys = 키패드 사용법입니다. 위쪽과 아래쪽 키로 항목을 옮기고, 가운데 확인 키로 고릅니다. 왼쪽 키는 이전 화면, 물음표 키는 도움말, 별표 키는 다시 듣기입니다. 두 키를 함께 누를 필요는 없습니다.
guide-help-staff = 직원의 도움이 필요하시면 화면 아래의 직원 호출 버튼이나 키패드의 샵 키를 누르세요.
guide-staff-called = 직원을 불렀습니다. 곧 도와드리러 갑니다. 그동안 계속 하셔도 됩니다.
guide-voice-on = 소리 안내 모드를 켰습니다.
guide-voice-off = 소리 안내 모드를 껐습니다.

## Typing with the keypad (voice mode)
guide-typed-key = { $value }
guide-read-back = { $value }
guide-typed-syllable = { $value }
guide-typed-stroke = 점
guide-typed-space = 띄어쓰기
guide-typed-erased = 지웠습니다. 마지막 글자는 { $value }
guide-typed-empty = 지웠습니다. 칸이 비었습니다
guide-address-found = 주소 { $count }개를 찾았습니다. 아래 화살표로 하나씩 들으세요
guide-address-more = 주소가 { $count }개보다 많습니다. 건물 번호까지 누르면 좁혀집니다
guide-address-none = 찾는 주소가 없습니다
guide-help-typing = 글자 칸에서는 숫자 키로 씁니다. 한글은 천지인입니다. 1은 이, 2는 점, 3은 으, 4부터 0까지는 자음이고, 같은 키를 한 번 더 누르면 다음 자음입니다. 영문은 휴대전화처럼 2는 A B C입니다. 오른쪽 키는 글자를 끝내고, 한 번 더 누르면 띄어쓰기입니다. 왼쪽 키는 지우기, 별표 키는 쓴 내용 듣기입니다. 가운데 확인 키는 한글, 영문, 숫자를 바꿉니다. 다 쓰셨으면 아래쪽 키로 다음으로 가세요.

# Repeats: one instance of a repeated step (a household member).
guide-repeat-instance = 모두 { $count }개 중 { $number }번째입니다.
guide-repeat-review = { $number }번째 항목입니다.
