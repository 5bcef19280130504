# Errors surface: one message per stable error code (errors-<code with dashes>).
# $limit (number) — the limit a too-short, too-long, too-small or too-large answer broke

errors-field-required = 请填写此项。
errors-field-too-short = 请至少输入 { $limit } 个字符。
errors-field-too-long = 最多只能输入 { $limit } 个字符。
errors-field-pattern = 格式不正确，请参照示例重新输入。
errors-field-not-a-number = 请只输入数字。
errors-field-too-small = 请输入 { $limit } 或以上的数字。
errors-field-too-large = 请输入 { $limit } 或以下的数字。
errors-field-invalid-date = 日期不正确，请检查年、月、日。
errors-field-date-in-future = 请输入今天或之前的日期。
errors-field-date-in-past = 请输入今天或之后的日期。
errors-field-resident-number = 这不是有效的居民登记号码，请逐位核对。
errors-field-resident-number-length = 居民登记号码为 { $limit } 位数字，请检查是否漏填或多填。
errors-field-mobile = 手机号码不正确，请输入以 010 开头的号码。
errors-field-phone = 电话号码不正确，请包含区号。
errors-field-postcode = 邮政编码为 5 位数字。
errors-field-unknown-choice = 请从选项中选择。
errors-field-consent-required = 需要您的同意才能申请。
errors-field-wrong-shape = 无法接受此输入，请重新输入。
errors-field-can = 卡号为六位数字，请检查。
errors-outbox-disk-full = 本机存储空间不足，未能保存申请。您填写的内容仍然保留。请联系工作人员。
errors-outbox-storage = 未能保存申请。您填写的内容仍然保留。请重试或联系工作人员。
errors-outbox-seal = 未能安全保存申请。请联系工作人员。
errors-api-unreachable = 本机暂时没有响应，请稍后再试。
errors-api-unknown-locale = 不支持该语言。
errors-api-bad-request = 无法处理该请求，请重试。
errors-card-access-denied = 无法打开您的证件。请确认护照号码和日期与证件上印的一致。
errors-card-wrong-can = 卡号（CAN）与此证件不符。请核对证件正面印的六位数字。
errors-card-can-unsupported = 此证件不能用卡号（CAN）打开。请改用护照号码和日期。
errors-card-wrong-mrz = 护照号码或日期格式不正确，请检查。
errors-card-removed = 读取完成前证件被拿开了。请重新放在读取器上并保持不动。
errors-card-unsupported = 无法读取此卡。请放置电子护照或电子身份证，或手动输入。
errors-card-protocol = 读取证件时出现问题。请重新放在读取器上。
errors-card-no-reader = 未连接证件读取器。请手动输入。
errors-card-transport = 与证件读取器的连接中断。请重试或手动输入。
errors-card-tampered = 证件芯片中的信息与签发机关的签名不符，无法使用。请手动输入或联系工作人员。
