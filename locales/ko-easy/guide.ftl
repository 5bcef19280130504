# 쉬운 한국어. 소리 안내: 화면을 보지 않고도 쓸 수 있도록 말로만 하는 안내입니다.
guide-welcome = 화면을 누르거나 아무 단추나 누르면 시작해요. 화면이 잘 안 보이면 별 모양 단추를 2초 동안 누르고 있으세요. 그러면 모든 것을 말로 알려 드려요.
guide-choose = 하나를 골라 누르세요. 단추로 할 때는 위아래 단추로 옮기고 가운데 단추를 누르세요.
guide-step = { $count }개 중 { $number }번째예요.
guide-errors = 고칠 곳이 { $count }개 있어요.
guide-choices = 고를 것이 { $count }개 있어요.
guide-value = 지금 써넣은 것은 { $value }예요.
guide-value-date = 지금 써넣은 날짜는 { $year }년 { $month }월 { $day }일이에요.
guide-shown-hidden = (써넣은 것)
guide-shown-date = { $year }년 { $month }월 { $day }일
guide-value-empty = 아직 비어 있어요.
guide-value-hidden = 써 있어요. 개인정보라서 소리로 읽지 않아요. 화면을 보거나 이어폰을 꽂으세요.
guide-value-chosen = 지금 고른 것은 이거예요.
guide-value-agreed = 좋다고 하셨어요.
guide-value-photo-chip = 신분증 칩 속 사진을 써요.
guide-value-photo-counter = 사진은 창구에 내세요.
guide-next = 다 했으면 다음을 누르세요. 뒤로 가려면 왼쪽 단추를 누르세요.
guide-cancel = 처음으로 가려면 네를, 계속하려면 아니요를 누르세요.
guide-warning = { $seconds }초 뒤에 처음으로 가고, 써넣은 내용은 지워져요. 시간이 더 필요하면 아무 단추나 누르세요.
guide-queue-number = 기다리는 번호는 { $number }번이에요. 이 번호를 부르면 창구로 가세요.
guide-receipt-number = 접수 번호는 { $number }예요.
guide-finish = 다 끝났으면 끝내기를 누르세요. 조금 있으면 저절로 처음으로 가요.
guide-help-keys = 단추 쓰는 법이에요. 위아래 단추로 옮기고, 가운데 단추로 골라요. 왼쪽 단추는 뒤로, 물음표 단추는 도와주세요, 별 모양 단추는 다시 듣기예요. 두 단추를 같이 누르지 않아도 돼요.
guide-help-staff = 직원이 필요하면 화면 아래 직원 부르기를 누르거나 샵 모양 단추를 누르세요.
guide-staff-called = 직원을 불렀어요. 곧 와요. 기다리는 동안 계속해도 돼요.
guide-voice-on = 말로 알려 드릴게요.
guide-voice-off = 말로 알려 드리기를 껐어요.

## Typing with the keypad (voice mode)
guide-typed-key = { $value }
guide-read-back = { $value }
guide-typed-syllable = { $value }
guide-typed-stroke = 점
guide-typed-space = 띄우기
guide-typed-erased = 지웠어요. 끝 글자는 { $value }
guide-typed-empty = 지웠어요. 칸이 비었어요
guide-address-found = 주소를 { $count }개 찾았어요. 아래 화살표를 누르면 하나씩 들려 드려요
guide-address-more = 주소가 { $count }개보다 많아요. 건물 번호도 눌러 주세요
guide-address-none = 맞는 주소가 없어요
guide-help-typing = 글자 칸에서는 숫자 단추로 써요. 1은 이, 2는 점, 3은 으예요. 4부터 0까지는 자음이에요. 같은 단추를 또 누르면 다음 자음이 돼요. 오른쪽 단추는 글자 끝내기, 또 누르면 띄우기예요. 왼쪽 단추는 지우기, 별 모양 단추는 쓴 것 듣기예요. 가운데 단추는 한글, 영어, 숫자를 바꿔요. 다 썼으면 아래 단추로 다음으로 가요.

# Repeats: one instance of a repeated step (a household member).
guide-repeat-instance = { $count }개 중 { $number }번째예요.
guide-repeat-review = { $number }번째예요.
