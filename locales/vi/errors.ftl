# Errors surface: one message per stable error code (errors-<code with dashes>).
# $limit (number) — the limit a too-short, too-long, too-small or too-large answer broke

errors-field-required = Vui lòng điền mục này.
errors-field-too-short = Vui lòng nhập ít nhất { $limit } ký tự.
errors-field-too-long = Chỉ được nhập tối đa { $limit } ký tự.
errors-field-pattern = Sai định dạng. Vui lòng xem ví dụ và nhập lại.
errors-field-not-a-number = Vui lòng chỉ nhập số.
errors-field-too-small = Vui lòng nhập số từ { $limit } trở lên.
errors-field-too-large = Vui lòng nhập số từ { $limit } trở xuống.
errors-field-invalid-date = Ngày không hợp lệ. Vui lòng kiểm tra năm, tháng, ngày.
errors-field-date-in-future = Vui lòng nhập ngày hôm nay hoặc trước đó.
errors-field-date-in-past = Vui lòng nhập ngày hôm nay hoặc sau đó.
errors-field-resident-number = Đây không phải là số đăng ký cư trú hợp lệ. Vui lòng kiểm tra lại từng chữ số.
errors-field-resident-number-length = Số đăng ký cư trú có { $limit } chữ số. Hãy kiểm tra xem có thiếu hoặc thừa số nào không.
errors-field-mobile = Số điện thoại di động không đúng. Vui lòng nhập số bắt đầu bằng 010.
errors-field-phone = Số điện thoại không đúng. Vui lòng nhập cả mã vùng.
errors-field-postcode = Mã bưu chính gồm 5 chữ số.
errors-field-unknown-choice = Vui lòng chọn một trong các lựa chọn.
errors-field-consent-required = Bạn cần đồng ý để nộp đơn.
errors-field-wrong-shape = Không thể nhận giá trị này. Vui lòng nhập lại.
errors-field-can = Số truy cập thẻ gồm sáu chữ số. Vui lòng kiểm tra lại.
errors-outbox-disk-full = Ki-ốt đã hết bộ nhớ nên không lưu được đơn. Thông tin bạn nhập vẫn còn. Vui lòng gọi nhân viên.
errors-outbox-storage = Không lưu được đơn. Thông tin bạn nhập vẫn còn. Vui lòng thử lại hoặc gọi nhân viên.
errors-outbox-seal = Không lưu được đơn một cách an toàn. Vui lòng gọi nhân viên.
errors-api-unreachable = Ki-ốt tạm thời không phản hồi. Vui lòng thử lại sau giây lát.
errors-api-unknown-locale = Không hỗ trợ ngôn ngữ này.
errors-api-bad-request = Không xử lý được yêu cầu. Vui lòng thử lại.
errors-card-access-denied = Không mở được giấy tờ của bạn. Hãy kiểm tra số hộ chiếu và các ngày có đúng như in trên giấy tờ không.
errors-card-wrong-can = Số truy cập thẻ (CAN) không khớp với giấy tờ này. Hãy kiểm tra lại sáu chữ số in ở mặt trước.
errors-card-can-unsupported = Giấy tờ này không mở được bằng số truy cập thẻ (CAN). Vui lòng dùng số hộ chiếu và các ngày.
errors-card-wrong-mrz = Số hộ chiếu hoặc ngày không đúng định dạng. Vui lòng kiểm tra lại.
errors-card-removed = Giấy tờ bị lấy ra trước khi đọc xong. Hãy đặt lại lên đầu đọc và giữ nguyên.
errors-card-unsupported = Không đọc được thẻ này. Hãy đặt hộ chiếu điện tử hoặc thẻ căn cước điện tử, hoặc tự nhập thông tin.
errors-card-protocol = Có lỗi khi đọc giấy tờ. Vui lòng đặt lại lên đầu đọc.
errors-card-no-reader = Chưa kết nối đầu đọc giấy tờ. Vui lòng tự nhập thông tin.
errors-card-transport = Mất kết nối với đầu đọc giấy tờ. Hãy thử lại hoặc tự nhập thông tin.
errors-card-tampered = Thông tin trong chip không khớp với chữ ký của cơ quan cấp nên không thể dùng. Vui lòng tự nhập thông tin hoặc gọi nhân viên.
