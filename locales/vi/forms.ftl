# Forms surface: titles, questions (with .hint), field labels and choices of the bundled forms.
# Ids follow docs/forms.md: forms-<form>, forms-<form>-step-<step>, forms-<form>-<field>, forms-<form>-<field>-<choice>.

## Shared by several forms

forms-common-step-resident-number = Số đăng ký cư trú của bạn là gì?
    .hint = Gồm 13 chữ số. Không cần nhập dấu gạch ngang (-). Người nước ngoài nhập số trên thẻ cư trú.
forms-common-resident-number = Số đăng ký cư trú
forms-common-step-mobile = Số điện thoại di động của bạn là gì?
    .hint = Chúng tôi sẽ nhắn tin báo kết quả cho bạn. Ví dụ: 010-1234-5678
forms-common-mobile = Số điện thoại di động
forms-common-step-consent = Bạn có đồng ý cho chúng tôi thu thập và sử dụng thông tin cá nhân không?
forms-common-privacy-consent = Đồng ý thu thập và sử dụng thông tin cá nhân

# The consent notice (개인정보 보호법 §15(2)): each term, and its .text (the items are the labels
# of the form's personal fields, listed by the kiosk).
forms-consent-purpose = Mục đích thu thập và sử dụng
    .text = Để tiếp nhận, xử lý đơn của bạn và thông báo kết quả cho bạn.
forms-consent-items = Thông tin thu thập
forms-consent-retention = Thời gian lưu giữ
    .text = Máy chỉ lưu giữ (đã mã hóa) cho đến khi gửi tới cơ quan phụ trách, rồi xóa ngay. Cơ quan lưu giữ trong thời hạn luật quy định cho loại hồ sơ này rồi hủy.
forms-consent-refusal = Quyền từ chối
    .text = Bạn có thể không đồng ý. Khi đó bạn không thể nộp đơn tại máy này; xin hãy nộp tại quầy với nhân viên.

## Passport reissue

forms-passport-reissue = Cấp lại hộ chiếu
    .summary = Xin hộ chiếu mới khi hộ chiếu cũ hết hạn hoặc bị mất
forms-passport-reissue-step-reason = Vì sao bạn cần cấp lại hộ chiếu?
forms-passport-reissue-reason = Lý do cấp lại
forms-passport-reissue-reason-expired = Đã hết hạn
forms-passport-reissue-reason-lost = Bị mất
forms-passport-reissue-reason-damaged = Bị hư hỏng
forms-passport-reissue-reason-changed-details = Thay đổi thông tin (như họ tên)
forms-passport-reissue-reason-pages-full = Hết trang thị thực
forms-passport-reissue-step-loss-date = Bạn làm mất hộ chiếu khi nào?
    .hint = Nếu không nhớ chính xác, hãy nhập ngày gần nhất.
forms-passport-reissue-loss-date = Ngày mất
forms-passport-reissue-step-loss-place = Bạn làm mất ở đâu?
    .hint = Ví dụ: Sân bay Incheon nhà ga 1, gần nhà
forms-passport-reissue-loss-place = Nơi mất
forms-passport-reissue-step-loss-how = Bạn làm mất như thế nào?
forms-passport-reissue-loss-how = Hoàn cảnh mất
forms-passport-reissue-loss-how-misplaced = Tôi không biết đã để ở đâu
forms-passport-reissue-loss-how-stolen = Bị lấy cắp
forms-passport-reissue-loss-how-unknown = Tôi không rõ
forms-passport-reissue-step-pages = Bạn muốn hộ chiếu bao nhiêu trang?
    .hint = Nếu bạn hay ra nước ngoài, nên chọn 58 trang. Lệ phí hơi khác nhau.
forms-passport-reissue-pages = Số trang
forms-passport-reissue-pages-58 = 58 trang
forms-passport-reissue-pages-26 = 26 trang
forms-passport-reissue-step-name-latin = Họ tên của bạn bằng chữ La-tinh là gì?
    .hint = Hãy viết giống như trên hộ chiếu hiện tại.
forms-passport-reissue-surname = Họ
forms-passport-reissue-given-names = Tên
forms-passport-reissue-step-name-korean = Họ tên của bạn bằng tiếng Hàn là gì?
forms-passport-reissue-name-korean = Họ tên tiếng Hàn
forms-passport-reissue-step-old-passport = Số hộ chiếu hiện tại của bạn là gì?
    .hint = Số này ở góc trên bên phải trang có ảnh. Nếu đã mất và không nhớ, hãy để trống.
forms-passport-reissue-old-passport-number = Số hộ chiếu hiện tại
forms-passport-reissue-step-address = Địa chỉ của bạn là gì?
forms-passport-reissue-address = Địa chỉ
forms-passport-reissue-step-emergency-name = Khi khẩn cấp, chúng tôi nên liên lạc với ai? Xin cho biết tên
    .hint = Người thân hoặc bạn bè chúng tôi có thể gọi nếu bạn gặp sự cố ở nước ngoài.
forms-passport-reissue-emergency-name = Tên người liên lạc khẩn cấp
forms-passport-reissue-step-emergency-relation = Người này có quan hệ gì với bạn?
forms-passport-reissue-emergency-relation = Quan hệ
forms-passport-reissue-emergency-relation-spouse = Vợ hoặc chồng
forms-passport-reissue-emergency-relation-parent = Cha mẹ
forms-passport-reissue-emergency-relation-child = Con
forms-passport-reissue-emergency-relation-sibling = Anh chị em
forms-passport-reissue-emergency-relation-other = Quan hệ khác
forms-passport-reissue-step-emergency-phone = Số điện thoại của người này là gì?
forms-passport-reissue-emergency-phone = Số điện thoại người liên lạc khẩn cấp
forms-passport-reissue-step-photo = Bạn sẽ nộp ảnh hộ chiếu bằng cách nào?
    .hint = Cần ảnh rộng 3,5 cm, cao 4,5 cm, chụp trong vòng 6 tháng.
forms-passport-reissue-photo = Ảnh hộ chiếu

## Lost-item report

forms-lost-item-report = Báo mất đồ
    .summary = Báo món đồ bị mất và được liên lạc khi tìm thấy
forms-lost-item-report-step-item = Bạn bị mất gì?
forms-lost-item-report-item = Đồ bị mất
forms-lost-item-report-item-wallet = Ví
forms-lost-item-report-item-phone = Điện thoại di động
forms-lost-item-report-item-bag = Túi xách
forms-lost-item-report-item-id-card = Giấy tờ tùy thân
forms-lost-item-report-item-keys = Chìa khóa
forms-lost-item-report-item-other = Đồ khác
forms-lost-item-report-step-contents = Bên trong có gì? Hãy chọn tất cả
    .hint = Nếu bên trong không có gì, hãy bấm tiếp theo mà không cần chọn.
forms-lost-item-report-contents = Đồ bên trong
forms-lost-item-report-contents-id-card = Giấy tờ tùy thân
forms-lost-item-report-contents-bank-card = Thẻ ngân hàng
forms-lost-item-report-contents-cash = Tiền mặt
forms-lost-item-report-contents-driving-licence = Bằng lái xe
forms-lost-item-report-contents-residence-card = Thẻ cư trú người nước ngoài
forms-lost-item-report-contents-other = Thứ khác
forms-lost-item-report-step-description = Món đồ trông như thế nào?
    .hint = Màu sắc, kích cỡ, nhãn hiệu: bất cứ điều gì giúp nhận ra nó.
forms-lost-item-report-description = Mô tả
forms-lost-item-report-step-when = Bạn làm mất khi nào?
    .hint = Nếu không chắc, hãy nhập ngày gần đúng nhất.
forms-lost-item-report-lost-date = Ngày mất
forms-lost-item-report-step-where-area = Bạn làm mất ở đâu?
forms-lost-item-report-lost-area = Loại nơi
forms-lost-item-report-lost-area-transport = Trên xe buýt, tàu điện ngầm hoặc phương tiện khác
forms-lost-item-report-lost-area-street = Ngoài đường, công viên hoặc chợ
forms-lost-item-report-lost-area-building = Trong một toà nhà
forms-lost-item-report-lost-area-other = Nơi khác
forms-lost-item-report-step-where-spot = Cụ thể là đâu?
forms-lost-item-report-lost-spot = Nơi
forms-lost-item-report-lost-spot-bus = Xe buýt
forms-lost-item-report-lost-spot-subway = Tàu điện ngầm
forms-lost-item-report-lost-spot-taxi = Taxi
forms-lost-item-report-lost-spot-train = Tàu hoả
forms-lost-item-report-lost-spot-road = Đường phố
forms-lost-item-report-lost-spot-park = Công viên
forms-lost-item-report-lost-spot-market = Chợ
forms-lost-item-report-lost-spot-office = Cơ quan nhà nước
forms-lost-item-report-lost-spot-shop = Cửa hàng
forms-lost-item-report-lost-spot-restaurant = Nhà hàng
forms-lost-item-report-lost-spot-hospital = Bệnh viện
forms-lost-item-report-step-where = Chính xác là ở đâu?
    .hint = Ví dụ: ga Jongno 3-ga, sân ga tuyến 1; xe buýt 152
forms-lost-item-report-lost-place = Nơi mất
forms-lost-item-report-step-name = Tên của bạn là gì?
forms-lost-item-report-name = Tên người báo
forms-lost-item-report-step-contact = Khi tìm thấy, chúng tôi nên liên lạc với bạn thế nào?
forms-lost-item-report-step-mobile = Khi tìm thấy, chúng tôi liên lạc với số điện thoại di động nào?
forms-lost-item-report-mobile = Số điện thoại di động
forms-lost-item-report-contact-by = Cách liên lạc
forms-lost-item-report-contact-by-text-message = Tin nhắn
forms-lost-item-report-contact-by-call = Gọi điện

## Moving-in report

forms-moving-in-report = Khai báo chuyển đến
    .summary = Đăng ký địa chỉ mới sau khi chuyển nhà (trong vòng 14 ngày)
forms-moving-in-report-step-name = Tên người khai báo là gì?
forms-moving-in-report-name = Tên người khai báo
forms-moving-in-report-step-previous-address = Địa chỉ trước khi chuyển nhà của bạn là gì?
    .hint = Là địa chỉ ghi ở mặt sau thẻ căn cước hoặc thẻ cư trú.
forms-moving-in-report-previous-address = Địa chỉ cũ
forms-moving-in-report-step-new-address = Địa chỉ mới của bạn là gì?
    .hint = Hãy ghi rõ tòa nhà và số phòng.
forms-moving-in-report-new-address = Địa chỉ mới
forms-moving-in-report-step-move-date = Bạn chuyển đến ngày nào?
    .hint = Phải khai báo trong vòng 14 ngày kể từ ngày chuyển.
forms-moving-in-report-move-date = Ngày chuyển đến
forms-moving-in-report-step-household = Bạn thuộc hộ nào?
forms-moving-in-report-household = Hộ gia đình
forms-moving-in-report-household-new-household = Tôi lập hộ mới
forms-moving-in-report-household-join-household = Tôi nhập vào hộ đã có
forms-moving-in-report-step-relation = Bạn có quan hệ gì với chủ hộ?
forms-moving-in-report-relation = Quan hệ với chủ hộ
forms-moving-in-report-relation-head = Tôi là chủ hộ
forms-moving-in-report-relation-spouse = Vợ hoặc chồng
forms-moving-in-report-relation-child = Con
forms-moving-in-report-relation-parent = Cha mẹ
forms-moving-in-report-relation-sibling = Anh chị em
forms-moving-in-report-relation-other = Quan hệ khác
forms-moving-in-report-step-members = Có bao nhiêu người chuyển đến cùng bạn, không tính bạn?
    .hint = Nếu bạn chuyển đến một mình, hãy nhập 0.
forms-moving-in-report-members = Số người chuyển đến cùng
forms-moving-in-report-step-member = Ai đã chuyển đến cùng bạn?
forms-moving-in-report-member-name = Họ tên
forms-moving-in-report-member-resident-number = Số đăng ký cư trú
forms-moving-in-report-member-relation = Quan hệ với chủ hộ
forms-moving-in-report-member-relation-spouse = Vợ hoặc chồng
forms-moving-in-report-member-relation-child = Con
forms-moving-in-report-member-relation-parent = Cha mẹ
forms-moving-in-report-member-relation-sibling = Anh chị em
forms-moving-in-report-member-relation-other = Khác

## Chaeum library membership

forms-library-card = Đăng ký thành viên thư viện Chaeum
    .summary = Một thẻ để mượn sách ở mọi thư viện Chaeum trên cả nước
forms-library-card-step-name = Tên của bạn là gì?
forms-library-card-name = Họ tên
forms-library-card-step-birth-date = Ngày sinh của bạn là ngày nào?
    .hint = Trẻ dưới 14 tuổi cần đăng ký cùng cha mẹ hoặc người giám hộ.
forms-library-card-birth-date = Ngày sinh
forms-library-card-step-address = Địa chỉ của bạn là gì?
forms-library-card-address = Địa chỉ
forms-library-card-step-notices = Bạn muốn nhận những tin nhắn nào?
    .hint = Chọn bao nhiêu cũng được, hoặc không chọn.
forms-library-card-notices = Tin nhắn thông báo
forms-library-card-notices-due-date = Nhắc ngày trả sách
forms-library-card-notices-reservation = Sách đã đặt trước đã về
forms-library-card-notices-events = Sự kiện của thư viện

## Resident registration certificate

forms-resident-certificate = Cấp bản sao đăng ký cư trú
    .summary = Xin bản sao toàn bộ (deungbon) hoặc bản trích lục (chobon) đăng ký cư trú
forms-resident-certificate-step-kind = Bạn cần loại giấy nào?
    .hint = Bản sao toàn bộ ghi mọi người trong hộ; bản trích lục ghi lịch sử địa chỉ của riêng bạn.
forms-resident-certificate-kind = Loại giấy
forms-resident-certificate-kind-copy = Bản sao toàn bộ (deungbon)
forms-resident-certificate-kind-abstract = Bản trích lục (chobon)
forms-resident-certificate-step-name = Tên của bạn là gì?
forms-resident-certificate-name = Họ tên
forms-resident-certificate-step-include = Giấy cần ghi những nội dung nào?
    .hint = Nội dung không chọn sẽ được bỏ ra. Chỉ chọn những gì nơi nhận yêu cầu.
forms-resident-certificate-include = Nội dung ghi kèm
forms-resident-certificate-include-past-addresses = Các lần thay đổi địa chỉ trước đây
forms-resident-certificate-include-household-reason = Lý do lập hộ
forms-resident-certificate-include-relation-to-head = Quan hệ với chủ hộ
forms-resident-certificate-include-move-in-dates = Ngày chuyển đến và ngày thay đổi
forms-resident-certificate-include-full-resident-numbers = Đầy đủ số đăng ký cư trú
forms-resident-certificate-step-copies = Bạn cần bao nhiêu bản?
forms-resident-certificate-copies = Số bản
forms-resident-certificate-step-purpose = Bạn dùng giấy này để làm gì?
forms-resident-certificate-purpose = Mục đích
forms-resident-certificate-purpose-personal = Để tự mình xem
forms-resident-certificate-purpose-bank = Nộp cho ngân hàng
forms-resident-certificate-purpose-school = Nộp cho trường học
forms-resident-certificate-purpose-employment = Nộp cho công ty
forms-resident-certificate-purpose-court = Nộp cho tòa án hoặc cơ quan nhà nước
forms-resident-certificate-purpose-other = Mục đích khác
