# The smart mirror's screen (mirror/, ui/mirror/) and its guidance topics (assets/topics/).

mirror-name = 民愿服务指南
mirror-attract = 触摸屏幕开始
mirror-choose = 您想了解什么？
# $n: this step, $total: how many steps the topic has.
mirror-step = 第 { $n } 步，共 { $total } 步
mirror-next = 下一步
mirror-previous = 上一步
mirror-topics = 其他指南
mirror-slow = 慢速
mirror-replay = 重播手语
mirror-speak = 朗读
mirror-language = 语言
mirror-text-size = 字号
mirror-contrast = 高对比度
mirror-sign = 手语视频
mirror-sample = 手语示例 · 并非真正的手语

mirror-topic-passport-reissue = 护照换发
    .summary = 如何领取新护照。
mirror-topic-passport-reissue-step-bring = 请携带现有护照、6个月内拍摄的护照照片1张（宽3.5厘米，高4.5厘米）和身份证件。
mirror-topic-passport-reissue-step-kiosk = 在民愿自助机上选择“护照换发申请”。把护照放在读卡器上，姓名和出生日期会自动填写。
mirror-topic-passport-reissue-step-counter = 拿到受理号码后，到护照窗口交照片并缴费。
mirror-topic-passport-reissue-step-collect = 新护照办好后会通知您。领取时请携带身份证件。

mirror-topic-lost-item = 失物报告
    .summary = 丢失物品时如何报告。
mirror-topic-lost-item-step-what = 请回想丢失了什么、何时、在哪里。颜色和品牌也有帮助。
mirror-topic-lost-item-step-kiosk = 在民愿自助机上选择“失物报告”，依次回答问题，可以使用中文。
mirror-topic-lost-item-step-contact = 找到物品后，我们会拨打您留下的手机号码。也可以在警察厅失物网站 lost112.go.kr 查询。

mirror-topic-moving-in = 迁入申报
    .summary = 搬家后如何申报新地址。
mirror-topic-moving-in-step-when = 请在搬家后14天内申报。
mirror-topic-moving-in-step-bring = 请携带身份证件。如果搬入其他户，需要该户户主确认。
mirror-topic-moving-in-step-where = 可以在附近的居民中心或政府24（www.gov.kr）申报，也可以在民愿自助机上开始。

mirror-topic-resident-certificate = 居民登记誊本·抄本
    .summary = 如何领取居民登记誊本和抄本。
mirror-topic-resident-certificate-step-kiosk = 在民愿自助机上选择“居民登记誊本·抄本发放”。
mirror-topic-resident-certificate-step-id = 请准备身份证件以确认本人。
mirror-topic-resident-certificate-step-receive = 在窗口报出受理号码即可领取。

mirror-topic-counter-3 = 3号窗口在哪里？
    .summary = 从入口到3号窗口的路线。
mirror-topic-counter-3-step-ticket = 请在入口右侧的叫号机取号。
mirror-topic-counter-3-step-walk = 经过自助机向前走十步，3号窗口在您的左边。
mirror-topic-counter-3-step-wait = 屏幕上出现您的号码时，请到3号窗口。
