# 语音引导：在屏幕显示的内容之外，为不看屏幕也能使用而说出的引导。
guide-welcome = 触摸屏幕或按键盘上的任意键开始。如果看不清屏幕，请按住星号键两秒钟，所有内容都会用语音引导，并可用键盘操作。
guide-choose = 请选择一项并按下。在键盘上，用上下键移动，然后按确认键。
guide-step = 第 { $number } 步，共 { $count } 步。
guide-errors = 有 { $count } 处需要修改。
guide-choices = 共有 { $count } 个选项。
guide-value = 当前输入的内容是 { $value }。
guide-value-date = 当前日期是 { $year } 年 { $month } 月 { $day } 日。
guide-shown-hidden = （您填写的内容）
guide-shown-date = { $year } 年 { $month } 月 { $day } 日
guide-value-empty = 目前为空。
guide-value-hidden = 已填写。个人信息不会朗读出来：请查看屏幕，或插上耳机。
guide-value-chosen = 当前选择的是：
guide-value-agreed = 您已同意。
guide-value-photo-chip = 将使用证件芯片中的照片。
guide-value-photo-counter = 照片将在窗口提交。
guide-next = 完成后请按"下一步"或确认键。要返回上一页，请按左键。
guide-cancel = 要重新开始请按"是"，要继续请按"否"。
guide-warning = { $seconds } 秒后将返回首页，您输入的内容将被删除。如需更多时间，请按任意键。
guide-queue-number = 您的排队号是 { $number }。叫到此号码时请到窗口。
guide-receipt-number = 您的受理号码是 { $number }。
guide-finish = 办理完毕请按"完成"。稍后会自动返回首页。
guide-help-keys = 键盘使用方法：用上下键移动，用中间的确认键选择。左键返回上一页，问号键是帮助，星号键是重听。不需要同时按两个键。
guide-help-staff = 如需工作人员帮助，请按屏幕下方的呼叫工作人员按钮或键盘上的井号键。
guide-staff-called = 已呼叫工作人员，马上会来帮助您。您可以继续操作。
guide-voice-on = 语音引导模式已开启。
guide-voice-off = 语音引导模式已关闭。

## Typing with the keypad (voice mode)
guide-typed-key = { $value }
guide-read-back = { $value }
guide-typed-syllable = { $value }
guide-typed-stroke = 点
guide-typed-space = 空格
guide-typed-erased = 已删除。现在最后一个字是 { $value }
guide-typed-empty = 已删除。此栏为空
guide-address-found = 找到 { $count } 个地址。按下方向键逐个收听
guide-address-more = 地址超过 { $count } 个。请再输入建筑号
guide-address-none = 没有找到地址
guide-help-typing = 在输入栏中用数字键输入。韩文用天地人方式：1 是 ㅣ，2 是点，3 是 ㅡ，4 到 0 是辅音，再按一次同一个键是下一个辅音。英文字母像手机一样输入：2 是 A B C。右键结束一个字，再按一次是空格。左键删除，星号键朗读已输入的内容。 中间的确认键切换韩文、字母和数字。输入完后，用下键继续。

# Repeats: one instance of a repeated step (a household member).
guide-repeat-instance = 第 { $number } 项，共 { $count } 项。
guide-repeat-review = 第 { $number } 项。
