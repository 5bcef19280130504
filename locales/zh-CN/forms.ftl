# Forms surface: titles, questions (with .hint), field labels and choices of the bundled forms.
# Ids follow docs/forms.md: forms-<form>, forms-<form>-step-<step>, forms-<form>-<field>, forms-<form>-<field>-<choice>.

## Shared by several forms

forms-common-step-resident-number = 请输入您的居民登记号码
    .hint = 共 13 位数字，中间的横线（-）可以不输入。
forms-common-resident-number = 居民登记号码
forms-common-step-mobile = 请告诉我们您的手机号码
    .hint = 我们会通过短信通知您办理结果。例如：010-1234-5678
forms-common-mobile = 手机号码
forms-common-step-consent = 您是否同意收集和使用个人信息？
forms-common-privacy-consent = 同意收集和使用个人信息

# The consent notice (개인정보 보호법 §15(2)): each term, and its .text (the items are the labels
# of the form's personal fields, listed by the kiosk).
forms-consent-purpose = 收集和使用目的
    .text = 用于受理和处理您的申请，并通知您处理结果。
forms-consent-items = 收集项目
forms-consent-retention = 保存和使用期限
    .text = 本机只在送达主管机关前加密保存，送达后立即删除。主管机关按法律对该类申请文件规定的期限保存后销毁。
forms-consent-refusal = 拒绝同意的权利
    .text = 您可以不同意。但不同意就不能在本机申请，请到窗口向工作人员申请。

## Passport reissue

forms-passport-reissue = 护照补发申请
    .summary = 护照到期或遗失时申请新护照
forms-passport-reissue-step-reason = 您为什么需要补发护照？
forms-passport-reissue-reason = 补发原因
forms-passport-reissue-reason-expired = 有效期已满
forms-passport-reissue-reason-lost = 遗失
forms-passport-reissue-reason-damaged = 损坏
forms-passport-reissue-reason-changed-details = 记载事项变更（如姓名）
forms-passport-reissue-reason-pages-full = 签证页不足
forms-passport-reissue-step-loss-date = 您是什么时候丢失护照的？
    .hint = 如果记不清，请填写最接近的日期。
forms-passport-reissue-loss-date = 丢失日期
forms-passport-reissue-step-loss-place = 在哪里丢失的？
    .hint = 例如：仁川机场第一航站楼、家附近
forms-passport-reissue-loss-place = 丢失地点
forms-passport-reissue-step-loss-how = 是怎样丢失的？
forms-passport-reissue-loss-how = 丢失经过
forms-passport-reissue-loss-how-misplaced = 不知道放在哪里了
forms-passport-reissue-loss-how-stolen = 被盗
forms-passport-reissue-loss-how-unknown = 不清楚
forms-passport-reissue-step-pages = 您需要多少页的护照？
    .hint = 经常出国的话建议选择 58 页，费用略有不同。
forms-passport-reissue-pages = 护照页数
forms-passport-reissue-pages-58 = 58 页
forms-passport-reissue-pages-26 = 26 页
forms-passport-reissue-step-name-latin = 请输入护照上的英文姓名
    .hint = 请与现有护照上的拼写保持一致。
forms-passport-reissue-surname = 英文姓
forms-passport-reissue-given-names = 英文名
forms-passport-reissue-step-name-korean = 请输入韩文姓名
forms-passport-reissue-name-korean = 韩文姓名
forms-passport-reissue-step-old-passport = 请输入现有护照的号码
    .hint = 号码在护照照片页的右上角。如已遗失且不知道号码，可以不填。
forms-passport-reissue-old-passport-number = 现有护照号码
forms-passport-reissue-step-address = 请输入您的地址
forms-passport-reissue-address = 地址
forms-passport-reissue-step-emergency-name = 紧急情况下应联系谁？请输入姓名
    .hint = 您在国外发生意外时我们可以联系的家人或朋友。
forms-passport-reissue-emergency-name = 紧急联系人姓名
forms-passport-reissue-step-emergency-relation = 此人与您是什么关系？
forms-passport-reissue-emergency-relation = 关系
forms-passport-reissue-emergency-relation-spouse = 配偶
forms-passport-reissue-emergency-relation-parent = 父母
forms-passport-reissue-emergency-relation-child = 子女
forms-passport-reissue-emergency-relation-sibling = 兄弟姐妹
forms-passport-reissue-emergency-relation-other = 其他
forms-passport-reissue-step-emergency-phone = 此人的电话号码是多少？
forms-passport-reissue-emergency-phone = 紧急联系人电话
forms-passport-reissue-step-photo = 您打算如何提交护照照片？
    .hint = 需要 6 个月内拍摄的宽 3.5 厘米、高 4.5 厘米的照片。
forms-passport-reissue-photo = 护照照片

## Lost-item report

forms-lost-item-report = 失物登记
    .summary = 登记遗失的物品，找到后会联系您
forms-lost-item-report-step-item = 您丢失了什么？
forms-lost-item-report-item = 丢失物品
forms-lost-item-report-item-wallet = 钱包
forms-lost-item-report-item-phone = 手机
forms-lost-item-report-item-bag = 包
forms-lost-item-report-item-id-card = 身份证件
forms-lost-item-report-item-keys = 钥匙
forms-lost-item-report-item-other = 其他物品
forms-lost-item-report-step-contents = 里面有什么？请全部选出
    .hint = 如果里面没有东西，可以不选，直接下一步。
forms-lost-item-report-contents = 内含物品
forms-lost-item-report-contents-id-card = 身份证件
forms-lost-item-report-contents-bank-card = 银行卡
forms-lost-item-report-contents-cash = 现金
forms-lost-item-report-contents-driving-licence = 驾驶证
forms-lost-item-report-contents-residence-card = 外国人登录证
forms-lost-item-report-contents-other = 其他
forms-lost-item-report-step-description = 物品是什么样子的？
    .hint = 颜色、大小、品牌等容易辨认的特征。
forms-lost-item-report-description = 物品描述
forms-lost-item-report-step-when = 您是什么时候丢失的？
    .hint = 如果记不清，请输入最接近的日期。
forms-lost-item-report-lost-date = 丢失日期
forms-lost-item-report-step-where-area = 您是在哪里丢失的？
forms-lost-item-report-lost-area = 地点类型
forms-lost-item-report-lost-area-transport = 公交车、地铁等交通工具
forms-lost-item-report-lost-area-street = 街道、公园、市场
forms-lost-item-report-lost-area-building = 建筑物内
forms-lost-item-report-lost-area-other = 其他地方
forms-lost-item-report-step-where-spot = 具体是哪里？
forms-lost-item-report-lost-spot = 地点
forms-lost-item-report-lost-spot-bus = 公交车
forms-lost-item-report-lost-spot-subway = 地铁
forms-lost-item-report-lost-spot-taxi = 出租车
forms-lost-item-report-lost-spot-train = 火车
forms-lost-item-report-lost-spot-road = 街道
forms-lost-item-report-lost-spot-park = 公园
forms-lost-item-report-lost-spot-market = 市场
forms-lost-item-report-lost-spot-office = 政府机关
forms-lost-item-report-lost-spot-shop = 商店
forms-lost-item-report-lost-spot-restaurant = 餐厅
forms-lost-item-report-lost-spot-hospital = 医院
forms-lost-item-report-step-where = 请写下具体位置
    .hint = 例如：钟路3街站 1号线站台、152路公交车
forms-lost-item-report-lost-place = 丢失地点
forms-lost-item-report-step-name = 请告诉我们您的姓名
forms-lost-item-report-name = 登记人姓名
forms-lost-item-report-step-contact = 找到物品后如何联系您？
forms-lost-item-report-step-mobile = 找到物品后，我们应联系哪个手机号码？
forms-lost-item-report-mobile = 手机号码
forms-lost-item-report-contact-by = 联系方式
forms-lost-item-report-contact-by-text-message = 短信
forms-lost-item-report-contact-by-call = 电话

## Moving-in report

forms-moving-in-report = 迁入申报
    .summary = 搬家后将居民登记迁到新地址（14 天内）
forms-moving-in-report-step-name = 请输入申报人的姓名
forms-moving-in-report-name = 申报人姓名
forms-moving-in-report-step-previous-address = 请输入搬家前的地址
    .hint = 即身份证背面记载的地址。
forms-moving-in-report-previous-address = 原地址
forms-moving-in-report-step-new-address = 请输入新搬入的地址
    .hint = 请准确填写到栋和室号。
forms-moving-in-report-new-address = 新地址
forms-moving-in-report-step-move-date = 您是哪天搬家的？
    .hint = 须在搬家后 14 天内申报。
forms-moving-in-report-move-date = 迁入日期
forms-moving-in-report-step-household = 您的户籍情况如何？
forms-moving-in-report-household = 户的构成
forms-moving-in-report-household-new-household = 新立一户
forms-moving-in-report-household-join-household = 加入已有的户
forms-moving-in-report-step-relation = 您与户主是什么关系？
forms-moving-in-report-relation = 与户主的关系
forms-moving-in-report-relation-head = 本人是户主
forms-moving-in-report-relation-spouse = 配偶
forms-moving-in-report-relation-child = 子女
forms-moving-in-report-relation-parent = 父母
forms-moving-in-report-relation-sibling = 兄弟姐妹
forms-moving-in-report-relation-other = 其他
forms-moving-in-report-step-members = 除您以外，有几人和您一起搬入？
    .hint = 如果只有您一人，请填 0。
forms-moving-in-report-members = 一起迁入的人数
forms-moving-in-report-step-member = 请填写一起搬入的人
forms-moving-in-report-member-name = 姓名
forms-moving-in-report-member-resident-number = 居民登记号码
forms-moving-in-report-member-relation = 与户主的关系
forms-moving-in-report-member-relation-spouse = 配偶
forms-moving-in-report-member-relation-child = 子女
forms-moving-in-report-member-relation-parent = 父母
forms-moving-in-report-member-relation-sibling = 兄弟姐妹
forms-moving-in-report-member-relation-other = 其他

## Chaeum library membership

forms-library-card = 书缘（책이음）图书馆会员注册
    .summary = 一张卡即可在全国书缘图书馆借书
forms-library-card-step-name = 请输入您的姓名
forms-library-card-name = 姓名
forms-library-card-step-birth-date = 请输入出生日期
    .hint = 未满 14 岁的儿童请与监护人一起注册。
forms-library-card-birth-date = 出生日期
forms-library-card-step-address = 请输入您的地址
forms-library-card-address = 地址
forms-library-card-step-notices = 您希望接收哪些短信通知？
    .hint = 可以多选，也可以都不选。
forms-library-card-notices = 短信通知
forms-library-card-notices-due-date = 还书日期提醒
forms-library-card-notices-reservation = 预约的书已到
forms-library-card-notices-events = 图书馆活动消息

## Resident registration certificate

forms-resident-certificate = 居民登记誊本、抄本申请
    .summary = 申请居民登记誊本或抄本
forms-resident-certificate-step-kind = 您需要哪种证明？
    .hint = 誊本列出全体家庭成员，抄本列出本人的地址变动记录。
forms-resident-certificate-kind = 证明种类
forms-resident-certificate-kind-copy = 居民登记誊本
forms-resident-certificate-kind-abstract = 居民登记抄本
forms-resident-certificate-step-name = 请输入您的姓名
forms-resident-certificate-name = 姓名
forms-resident-certificate-step-include = 请选择证明中要包含的内容
    .hint = 未选择的内容将不显示。请只选择提交单位要求的内容。
forms-resident-certificate-include = 包含内容
forms-resident-certificate-include-past-addresses = 过去的地址变动事项
forms-resident-certificate-include-household-reason = 立户原因
forms-resident-certificate-include-relation-to-head = 与户主的关系
forms-resident-certificate-include-move-in-dates = 迁入日期、变动日期
forms-resident-certificate-include-full-resident-numbers = 居民登记号码后几位
forms-resident-certificate-step-copies = 您需要几份？
forms-resident-certificate-copies = 份数
forms-resident-certificate-step-purpose = 用途是什么？
forms-resident-certificate-purpose = 用途
forms-resident-certificate-purpose-personal = 个人确认
forms-resident-certificate-purpose-bank = 提交银行或金融机构
forms-resident-certificate-purpose-school = 提交学校
forms-resident-certificate-purpose-employment = 提交公司
forms-resident-certificate-purpose-court = 提交法院或政府机关
forms-resident-certificate-purpose-other = 其他用途
