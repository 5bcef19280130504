# Spoken guidance: what is said on top of what the screen shows, so the kiosk can be used without looking.
guide-welcome = Touch the screen or press any key on the keypad to start. If you cannot see the screen, hold the star key for two seconds: everything is then read aloud and the keypad does it all.
guide-choose = Choose one and press it. On the keypad, move with the up and down keys and press the select key.
guide-step = Step { $number } of { $count }.
guide-errors = { $count ->
    [one] One answer needs fixing.
   *[other] { $count } answers need fixing.
}
guide-choices = There are { $count } options.
guide-value = The current answer is { $value }.
guide-value-date = The current date is { $day } { $month } { $year }.
guide-shown-hidden = (what you entered)
guide-shown-date = { $day } { $month } { $year }
guide-value-empty = It is empty.
guide-value-hidden = It is filled in. Personal details are not read aloud: check the screen, or plug in earphones.
guide-value-chosen = You have chosen:
guide-value-agreed = You have agreed.
guide-value-photo-chip = The photo from your document's chip will be used.
guide-value-photo-counter = You will hand in a photo at the counter.
guide-next = When you are done, press Next or the select key. To go back, press the left key.
guide-cancel = Press Yes to start again, or No to carry on.
guide-warning = In { $seconds } seconds the kiosk goes back to the start and your answers are deleted. If you need more time, press any key.
guide-queue-number = Your queue number is { $number }. Go to the counter when it is called.
guide-receipt-number = Your receipt number is { $number }.
guide-finish = When you are done, press Finish. The kiosk goes back to the start by itself after a while.
guide-help-keys = How to use the keypad: move with the up and down keys and choose with the select key in the middle. The left key goes back, the question-mark key gives help, and the star key repeats. You never need to press two keys at once.
guide-help-staff = If you need help from a member of staff, press the call-staff button at the bottom of the screen or the hash key on the keypad.
guide-staff-called = A member of staff has been called and will come to help you. You can carry on in the meantime.
guide-voice-on = Voice mode is on.
guide-voice-off = Voice mode is off.

## Typing with the keypad (voice mode)
guide-typed-key = { $value }
guide-read-back = { $value }
guide-typed-syllable = { $value }
guide-typed-stroke = dot
guide-typed-space = space
guide-typed-erased = Deleted. It now ends in { $value }
guide-typed-empty = Deleted. The box is empty
guide-address-found = { $count ->
    [one] One address found. Press the down key to hear it
   *[other] { $count } addresses found. Press the down key to hear them one by one
}
guide-address-more = More than { $count } addresses. Type the building number too
guide-address-none = No address found
guide-help-typing = In a box, type with the number keys. Korean is typed with Cheonjiin: 1 is i, 2 is a dot, 3 is eu, and 4 to 0 are consonants; press a key again for the next consonant on it. Roman letters are typed as on a phone: 2 is A B C. The right key ends a letter, and pressed again types a space. The left key deletes, and the star key reads back what you typed. The select key switches between Korean, letters and numbers. When you are done, move on with the down key.

# Repeats: one instance of a repeated step (a household member).
guide-repeat-instance = Number { $number } of { $count }.
guide-repeat-review = Number { $number }.
