# `minwon-kiosk doctor`: what it checks and what it found, for the office's IT staff.
# Each code's message says what is wrong and what to do; { $detail } is not used (it is shown in its own column).

doctor-title = Minwon 키오스크 점검 ({ $kiosk })
doctor-head-check = 점검
doctor-head-verdict = 결과
doctor-head-code = 코드
doctor-head-what = 설명
doctor-head-seen = 확인한 값
doctor-summary-ok = 모두 정상입니다.
doctor-summary-warn = 키오스크는 쓸 수 있지만 살펴볼 것이 있습니다.
doctor-summary-fail = 문제가 있습니다. 위 설명대로 고친 뒤 다시 점검하세요.

doctor-check-reader = 카드 리더
doctor-check-printer = 인쇄기
doctor-check-speech = 음성 안내
doctor-check-sound = 소리 출력
doctor-check-hub = 허브
doctor-check-clock = 시계
doctor-check-disk = 저장 공간
doctor-check-outbox = 보낼 접수함

doctor-verdict-ok = 정상
doctor-verdict-warn = 주의
doctor-verdict-fail = 문제

doctor-reader-ready = 카드 리더가 연결되어 있습니다.
doctor-reader-off = 카드 리더를 쓰지 않도록 설정되어 있습니다 (--no-card-reader). 신분증은 직접 입력만 됩니다.
doctor-reader-no-service = 카드 리더 서비스(pcscd)가 응답하지 않습니다. systemctl status pcscd.socket 으로 확인하세요.
doctor-reader-none = 카드 리더가 연결되어 있지 않습니다. USB 케이블을 확인하세요 (--reader 로 이름을 정했다면 그 이름도).
doctor-printer-ready = 인쇄기가 준비되어 있습니다.
doctor-printer-off = 인쇄기가 설정되어 있지 않습니다 (--printer). 접수번호는 화면에만 나옵니다.
doctor-printer-missing = 인쇄기 장치가 없습니다. 전원과 USB 케이블을 확인하세요.
doctor-printer-permission = 인쇄기 장치에 쓸 권한이 없습니다. 키오스크 사용자가 lp 그룹에 있는지 확인하세요.
doctor-printer-unreachable = 네트워크 인쇄기에 연결되지 않습니다. 전원과 주소를 확인하세요.
doctor-printer-paper-out = 인쇄기에 용지가 없습니다. 용지를 넣으세요.
doctor-printer-cover-open = 인쇄기 덮개가 열려 있습니다. 덮개를 닫으세요.
doctor-printer-failed = 인쇄기에 쓸 수 없습니다.
doctor-speech-ready = 음성 안내(speech-dispatcher)가 준비되어 있습니다.
doctor-speech-off = 음성 안내를 끄도록 설정되어 있습니다 (--no-speech).
doctor-speech-no-answer = speech-dispatcher가 응답하지 않습니다. 녹음된 안내만 나옵니다. 다시 시작하세요: systemctl restart speech-dispatcher
doctor-speech-failed = speech-dispatcher에 연결할 수 없습니다. 녹음된 안내만 나옵니다. speech-dispatcher가 설치되어 있는지 확인하세요.
doctor-sound-ready = 소리 출력 장치가 있습니다.
doctor-sound-none = 소리 출력 장치가 없습니다. 스피커나 이어폰 단자가 작동하지 않으면 시각장애인이 키오스크를 쓸 수 없습니다.
doctor-hub-ready = 허브에 연결되고, 인증서가 등록한 것과 같습니다.
doctor-hub-not-enrolled = 허브에 등록되어 있지 않습니다. 접수는 키오스크에 보관됩니다 (minwon-kiosk enrol 파일).
doctor-sync-unreachable = 허브에 연결되지 않습니다. 네트워크와 허브 주소를 확인하세요. 접수는 키오스크에 안전하게 보관됩니다.
doctor-sync-hub-certificate = 허브의 인증서가 등록할 때와 다릅니다. 가짜 허브이거나 허브가 새 인증서를 쓰고 있습니다. 허브에서 다시 등록하세요.
doctor-sync-not-enrolled = 허브가 이 키오스크의 등록을 받지 않습니다 (다시 등록되었거나 지워짐). 허브에서 새 등록 파일을 받으세요.
doctor-sync-hub-error = 허브가 오류로 답했습니다. 허브의 로그를 확인하세요.
doctor-sync-refused = 허브가 요청을 거절했습니다.
doctor-sync-rate-limited = 허브가 요청이 너무 많다고 답했습니다. 잠시 뒤 다시 점검하세요.
doctor-sync-bad-answer = 허브의 답을 읽을 수 없습니다.
doctor-sync-not-https = 등록의 허브 주소가 https:// 가 아닙니다. 허브에서 다시 등록하세요.
doctor-sync-tls = TLS를 준비할 수 없습니다.
doctor-clock-ok = 키오스크 시계가 허브 시계와 맞습니다.
doctor-clock-unknown = 허브 시계와 비교할 수 없습니다.
doctor-clock-skew = 키오스크 시계가 허브와 1분 넘게 다릅니다. 시간 동기화(timedatectl)를 확인하세요.
doctor-disk-ok = 저장 공간이 충분합니다.
doctor-disk-low = 저장 공간이 1 GiB보다 적습니다.
doctor-disk-full = 저장 공간이 거의 없습니다. 새 접수를 저장하지 못할 수 있습니다.
doctor-disk-unknown = 저장 공간을 알 수 없습니다.
doctor-outbox-ok = 보낼 접수함이 정상입니다.
doctor-outbox-waiting = 한 시간 넘게 보내지 못한 접수가 있습니다. 허브 연결을 확인하세요.
doctor-outbox-set-aside = 허브가 받지 않은 접수가 키오스크에 보관되어 있습니다. 허브 관리자에게 알리세요.
doctor-outbox-unreadable = 보낼 접수함을 읽을 수 없습니다. 키오스크 사용자로 실행했는지 확인하세요.
