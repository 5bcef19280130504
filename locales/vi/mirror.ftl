# The smart mirror's screen (mirror/, ui/mirror/) and its guidance topics (assets/topics/).

mirror-name = Hướng dẫn dịch vụ công
mirror-attract = Chạm vào màn hình để bắt đầu
mirror-choose = Bạn muốn biết điều gì?
# $n: this step, $total: how many steps the topic has.
mirror-step = Bước { $n } / { $total }
mirror-next = Tiếp theo
mirror-previous = Quay lại
mirror-topics = Hướng dẫn khác
mirror-slow = Chậm hơn
mirror-replay = Xem lại thủ ngữ
mirror-speak = Đọc to
mirror-language = Ngôn ngữ
mirror-text-size = Cỡ chữ
mirror-contrast = Độ tương phản cao
mirror-sign = Video thủ ngữ
mirror-sample = Mẫu thủ ngữ · không phải thủ ngữ thật

mirror-topic-passport-reissue = Cấp lại hộ chiếu
    .summary = Cách nhận hộ chiếu mới.
mirror-topic-passport-reissue-step-bring = Mang theo hộ chiếu hiện tại, 1 ảnh hộ chiếu chụp trong 6 tháng gần đây (rộng 3,5 cm, cao 4,5 cm) và giấy tờ tùy thân.
mirror-topic-passport-reissue-step-kiosk = Tại máy kiosk dịch vụ công, chọn "Cấp lại hộ chiếu". Đặt hộ chiếu lên đầu đọc, họ tên và ngày sinh sẽ được điền sẵn.
mirror-topic-passport-reissue-step-counter = Khi có số biên nhận, nộp ảnh và lệ phí tại quầy hộ chiếu.
mirror-topic-passport-reissue-step-collect = Chúng tôi sẽ báo khi hộ chiếu mới sẵn sàng. Mang giấy tờ tùy thân khi đến nhận.

mirror-topic-lost-item = Báo mất đồ
    .summary = Cách báo khi bạn bị mất đồ.
mirror-topic-lost-item-step-what = Hãy nhớ lại bạn mất gì, khi nào và ở đâu. Màu sắc và nhãn hiệu cũng giúp ích.
mirror-topic-lost-item-step-kiosk = Tại máy kiosk, chọn "Báo mất đồ" và trả lời từng câu hỏi, bằng tiếng Việt.
mirror-topic-lost-item-step-contact = Khi tìm thấy, chúng tôi sẽ gọi số điện thoại bạn để lại. Bạn cũng có thể tra cứu trên trang đồ thất lạc của cảnh sát, lost112.go.kr.

mirror-topic-moving-in = Khai báo chuyển đến
    .summary = Cách đăng ký địa chỉ mới sau khi chuyển nhà.
mirror-topic-moving-in-step-when = Hãy khai báo trong vòng 14 ngày sau khi chuyển nhà.
mirror-topic-moving-in-step-bring = Mang theo giấy tờ tùy thân. Nếu bạn chuyển vào hộ gia đình khác, chủ hộ đó cần xác nhận.
mirror-topic-moving-in-step-where = Tại trung tâm cộng đồng gần nhất, hoặc trực tuyến trên Chính phủ 24 (www.gov.kr). Bạn cũng có thể bắt đầu tại máy kiosk.

mirror-topic-resident-certificate = Giấy đăng ký cư trú
    .summary = Cách nhận giấy đăng ký cư trú.
mirror-topic-resident-certificate-step-kiosk = Tại máy kiosk, chọn "Cấp giấy đăng ký cư trú".
mirror-topic-resident-certificate-step-id = Chuẩn bị giấy tờ tùy thân để xác minh bạn là ai.
mirror-topic-resident-certificate-step-receive = Đọc số biên nhận tại quầy và giấy sẽ được cấp.

mirror-topic-counter-3 = Quầy số 3 ở đâu?
    .summary = Đường từ lối vào đến quầy số 3.
mirror-topic-counter-3-step-ticket = Lấy số thứ tự ở máy bên phải lối vào.
mirror-topic-counter-3-step-walk = Đi qua các máy kiosk, thêm mười bước: quầy số 3 ở bên trái bạn.
mirror-topic-counter-3-step-wait = Khi số của bạn hiện trên màn hình, hãy đến quầy số 3.
