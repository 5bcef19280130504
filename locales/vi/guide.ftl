# Hướng dẫn bằng giọng nói: những gì được đọc thêm ngoài nội dung trên màn hình, để có thể dùng mà không cần nhìn.
guide-welcome = Chạm vào màn hình hoặc nhấn phím bất kỳ trên bàn phím để bắt đầu. Nếu bạn không nhìn được màn hình, hãy giữ phím dấu sao trong hai giây: mọi thứ sẽ được đọc to và bạn có thể dùng bàn phím cho tất cả.
guide-choose = Hãy chọn một mục và nhấn. Trên bàn phím, di chuyển bằng phím lên và xuống rồi nhấn phím chọn.
guide-step = Bước { $number } trên { $count }.
guide-errors = Có { $count } chỗ cần sửa.
guide-choices = Có { $count } lựa chọn.
guide-value = Giá trị hiện tại là { $value }.
guide-value-date = Ngày hiện tại là ngày { $day } tháng { $month } năm { $year }.
guide-shown-hidden = (điều bạn đã nhập)
guide-shown-date = ngày { $day } tháng { $month } năm { $year }
guide-value-empty = Hiện đang để trống.
guide-value-hidden = Đã điền. Thông tin cá nhân không được đọc to: hãy xem trên màn hình hoặc cắm tai nghe.
guide-value-chosen = Bạn đã chọn:
guide-value-agreed = Bạn đã đồng ý.
guide-value-photo-chip = Ảnh từ chip giấy tờ sẽ được dùng.
guide-value-photo-counter = Bạn sẽ nộp ảnh tại quầy.
guide-next = Khi xong, nhấn Tiếp theo hoặc phím chọn. Để quay lại, nhấn phím trái.
guide-cancel = Nhấn Có để làm lại từ đầu, hoặc Không để tiếp tục.
guide-warning = Sau { $seconds } giây máy sẽ quay về màn hình đầu và xóa thông tin bạn đã nhập. Nếu cần thêm thời gian, hãy nhấn phím bất kỳ.
guide-queue-number = Số thứ tự của bạn là { $number }. Khi số này được gọi, vui lòng đến quầy.
guide-receipt-number = Số tiếp nhận của bạn là { $number }.
guide-finish = Khi xong, nhấn Kết thúc. Sau một lúc máy sẽ tự quay về màn hình đầu.
guide-help-keys = Cách dùng bàn phím: di chuyển bằng phím lên và xuống, chọn bằng phím chọn ở giữa. Phím trái để quay lại, phím dấu hỏi để xem trợ giúp, phím dấu sao để nghe lại. Không bao giờ cần nhấn hai phím cùng lúc.
guide-help-staff = Nếu cần nhân viên giúp, hãy nhấn nút gọi nhân viên ở cuối màn hình hoặc phím thăng trên bàn phím.
guide-staff-called = Đã gọi nhân viên, họ sẽ đến giúp bạn ngay. Trong lúc chờ, bạn có thể tiếp tục.
guide-voice-on = Đã bật chế độ hướng dẫn bằng giọng nói.
guide-voice-off = Đã tắt chế độ hướng dẫn bằng giọng nói.

## Typing with the keypad (voice mode)
guide-typed-key = { $value }
guide-read-back = { $value }
guide-typed-syllable = { $value }
guide-typed-stroke = chấm
guide-typed-space = dấu cách
guide-typed-erased = Đã xóa. Chữ cuối bây giờ là { $value }
guide-typed-empty = Đã xóa. Ô đang trống
guide-address-found = Tìm thấy { $count } địa chỉ. Nhấn phím xuống để nghe từng địa chỉ
guide-address-more = Có hơn { $count } địa chỉ. Hãy gõ thêm số tòa nhà
guide-address-none = Không tìm thấy địa chỉ
guide-help-typing = Trong ô nhập, hãy gõ bằng các phím số. Chữ Hàn gõ theo kiểu Cheonjiin: 1 là ㅣ, 2 là dấu chấm, 3 là ㅡ, từ 4 đến 0 là phụ âm; nhấn lại cùng phím để có phụ âm tiếp theo. Chữ Latinh gõ như trên điện thoại: 2 là A B C. Phím phải kết thúc một chữ, nhấn thêm lần nữa là dấu cách. Phím trái để xóa, phím dấu sao để nghe lại những gì đã gõ. Phím chọn ở giữa chuyển giữa chữ Hàn, chữ cái và số. Gõ xong, hãy đi tiếp bằng phím xuống.

# Repeats: one instance of a repeated step (a household member).
guide-repeat-instance = Mục { $number } trên { $count }.
guide-repeat-review = Mục { $number }.
