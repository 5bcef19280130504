# Kiosk surface: every screen's headings, buttons and notes.

kiosk-app-name = Civil Service Kiosk
kiosk-welcome-title = Welcome
kiosk-welcome-lead = Touch the screen or choose your language to begin. Take your time.
kiosk-welcome-start = Start
kiosk-service-title = How can we help you?
kiosk-service-lead = Choose the service you need.
kiosk-identify-title = Who are you?
kiosk-identify-lead = We can read your ID document, or you can type your details.
kiosk-identify-document = Insert my ID document
kiosk-identify-type = Type my details instead
kiosk-identify-no-reader = The ID reader is not available right now. Please type your details.
kiosk-key-title = Enter the number and dates on your document
kiosk-key-lead = To open your document's chip, we need the passport number, your date of birth and the expiry date.
kiosk-key-help = You can find them on the photo page of your passport, where the picture shows them in yellow.
kiosk-key-number = Passport number
kiosk-key-birth-date = Date of birth
kiosk-key-expiry = Date of expiry
kiosk-key-read = Read my document
kiosk-key-use-can = Use the 6-digit card access number (CAN) instead
kiosk-key-use-mrz = Use the passport number and dates instead
kiosk-key-can-title = Enter the 6-digit card access number
kiosk-key-can-lead = Some electronic ID cards and passports have a six-digit number (the card access number, CAN) that opens the chip.
kiosk-key-can-help = You can find it on the front of the card or on the photo page of the passport, where the picture shows it in yellow.
kiosk-key-can = Card access number (6 digits)
kiosk-reading-title = Place your document on the reader
kiosk-reading-text = Put the photo page face down on the reader and leave it there until reading is finished.
kiosk-reading-hint = Reading takes a few seconds. What is read is used only for this application and deleted straight away.
# $current (number) — this step; $total (number) — all steps
kiosk-step-counter = Step { $current } of { $total }
kiosk-error-summary = There is a problem. Please check the message below.
kiosk-review-title = Check your answers
kiosk-review-lead = If everything is right, press 'Send application'. To fix an answer, press 'Change'.
kiosk-review-change = Change
kiosk-review-submit = Send application
kiosk-submitting-title = Sending your application
kiosk-submitting-text = Please wait a moment.
kiosk-receipt-title = Your application has been received
kiosk-receipt-lead = Give this receipt number at the counter.
kiosk-receipt-number = Receipt number
kiosk-receipt-queue = Queue number
kiosk-receipt-note = Everything you entered has been removed from this kiosk. Please take your printed receipt.
kiosk-receipt-note-no-printer = Everything you entered has been removed from this kiosk. Please write down the receipt number or take a photo of it.
kiosk-receipt-finish = Finish
kiosk-nav-back = Back
kiosk-nav-next = Next
kiosk-nav-save = Save and return to the check screen
kiosk-nav-cancel = Start again
kiosk-cancel-title = Start again? Everything you entered will be deleted.
kiosk-cancel-yes = Yes, start again
kiosk-cancel-no = No, continue
kiosk-timeout-title = Are you still there?
# $seconds (number) — seconds until everything is wiped
kiosk-timeout-text = In { $seconds } seconds, your answers will be deleted and the kiosk will start again.
kiosk-timeout-more = I need more time
kiosk-text-size = Text size
kiosk-contrast = High contrast
kiosk-provenance-typed = Typed by you
kiosk-provenance-chip-verified = Verified by the ID chip
kiosk-provenance-chip-unverified = Read from the ID (not verified)
kiosk-value-empty = (not answered)
kiosk-value-agreed = Agreed
kiosk-value-not-agreed = Not agreed
kiosk-value-photo-document = Photo from the ID chip
kiosk-part-year = Year
kiosk-part-month = Month
kiosk-part-day = Day
kiosk-part-postcode = Postcode (5 digits)
kiosk-part-line1 = Street address
kiosk-part-line2 = Building, flat number
kiosk-part-search = Search by road, building or dong
kiosk-address-none = No address found. Search by road and building number (Sejong-daero 209) or by the building's name
kiosk-address-found = { $count ->
    [one] One address found
   *[other] { $count } addresses found
}
kiosk-address-found-next = { $count } found: press More
kiosk-address-more = More addresses match. Type the building number too
kiosk-address-sample = Sample addresses, not real ones
kiosk-address-unavailable = The address search is not available now. Type the address in the boxes below
kiosk-part-agree = I agree
kiosk-part-photo-at-counter = I will hand in a printed photo at the counter
kiosk-optional = Optional
kiosk-call-staff = Call staff
kiosk-staff-called = A member of staff has been called and will come to help you.
kiosk-speech-rate = Speech speed
kiosk-speech-rate-slow = Slow
kiosk-speech-rate-normal = Normal
kiosk-speech-rate-fast = Fast
kiosk-volume = Volume { $level }
kiosk-volume-down = Quieter
kiosk-volume-up = Louder
kiosk-repeat = Repeat
kiosk-help = Help
kiosk-sign-sample = Sample clip: this is not sign language.
kiosk-sign-replay = Play again
kiosk-sign-slow = Slow (0.5×)
kiosk-sign-full = Full screen
kiosk-sign-show = Sign language
kiosk-low-position = Lower screen
kiosk-voice-mode = Voice mode
kiosk-voice-button = button
kiosk-voice-selected = selected
kiosk-voice-not-selected = not selected
kiosk-voice-edit = edit box
kiosk-voice-empty = empty
kiosk-voice-link = link

# The screen's regions, the settings sheet (text size, contrast, speech) and the pager of what does not fit.
kiosk-settings = Text & sound
kiosk-settings-title = Text and sound
kiosk-settings-close = Close
kiosk-region-guide = Sign language and captions
kiosk-region-question = Question
kiosk-region-nav = Navigation
kiosk-region-assist = Assistance
kiosk-pager-more = More
kiosk-pager-back = Previous
kiosk-pager-page = page
# A resident registration number's back digits, shown as ● until the visitor asks.
kiosk-masked-show = Show
kiosk-masked-hide = Hide
kiosk-masked-back = Last 7 digits

## On-screen keyboards
kiosk-keyboard = Keyboard
kiosk-keyboard-hangul = 한글
    .name = Korean keyboard
kiosk-keyboard-latin = ABC
    .name = Letter keyboard
kiosk-keyboard-digits = 123
    .name = Number keyboard
kiosk-keyboard-shift = Shift
kiosk-keyboard-space = Space
kiosk-keyboard-backspace = Delete
kiosk-keyboard-refused-full = The box is full.
kiosk-keyboard-refused-not-here = This box does not take that character.
kiosk-keyboard-refused-empty = There is nothing to delete.

# Repeats: one instance of a repeated step (a household member).
kiosk-repeat-counter = { $current } of { $total }
kiosk-repeat-add = Add another
kiosk-repeat-remove = Remove this one
kiosk-review-instance = { $label } ({ $number })

# The paper ticket (printed as a picture; nothing personal on it).
kiosk-notice-speech-limited = Spoken guidance is limited right now (recorded prompts only). Press Call staff if you need help.
kiosk-notice-speech-silent = There is no spoken guidance right now. Press Call staff if you need help.
kiosk-ticket-title = Receipt
kiosk-ticket-number = Receipt number
kiosk-ticket-next = Tell this number at the counter
kiosk-ticket-next-at = Tell this number at { $counter }
kiosk-ticket-queue = Queue number
kiosk-ticket-next-queue = Go to the counter when this number is called
kiosk-ticket-next-queue-at = Go to { $counter } when this number is called
kiosk-ticket-kiosk = Kiosk { $kiosk }
