# Errors surface: one message per stable error code (errors-<code with dashes>).
# $limit (number) — the limit a too-short, too-long, too-small or too-large answer broke

errors-field-required = Please fill in this answer.
errors-field-too-short = Please enter at least { $limit } characters.
errors-field-too-long = Please enter no more than { $limit } characters.
errors-field-pattern = This is not in the right format. Please look at the example and try again.
errors-field-not-a-number = Please enter numbers only.
errors-field-too-small = Please enter a number of { $limit } or more.
errors-field-too-large = Please enter a number of { $limit } or less.
errors-field-invalid-date = This is not a real date. Please check the year, month and day.
errors-field-date-in-future = Please enter today's date or an earlier one.
errors-field-date-in-past = Please enter today's date or a later one.
errors-field-resident-number = This is not a valid resident registration number. Please check each digit again.
errors-field-resident-number-length = A resident registration number has { $limit } digits. Check that none is missing or extra.
errors-field-mobile = This mobile number is not valid. Please enter a number starting with 010.
errors-field-phone = This phone number is not valid. Please include the area code.
errors-field-postcode = A postcode has 5 digits.
errors-field-unknown-choice = Please choose one of the options.
errors-field-consent-required = You need to agree to apply.
errors-field-wrong-shape = This answer cannot be accepted. Please enter it again.
errors-field-can = The card access number is six digits. Please check it.
errors-outbox-disk-full = The kiosk ran out of storage and could not save your application. Your answers are still here. Please call a member of staff.
errors-outbox-storage = Your application could not be saved. Your answers are still here. Please try again or call a member of staff.
errors-outbox-seal = Your application could not be stored safely. Please call a member of staff.
errors-api-unreachable = The kiosk is not responding right now. Please try again in a moment.
errors-api-unknown-locale = This language is not available.
errors-api-bad-request = Your request could not be handled. Please try again.
errors-card-access-denied = Your document could not be opened. Check that the passport number and dates match the ones printed on it.
errors-card-wrong-can = The card access number does not match this document. Check the six digits printed on the front of it.
errors-card-can-unsupported = This document cannot be opened with a card access number. Please use the passport number and dates instead.
errors-card-wrong-mrz = The passport number or a date is not in the right format. Please check it.
errors-card-removed = The document was taken away before reading finished. Place it on the reader again and leave it there.
errors-card-unsupported = This card cannot be read. Place an e-passport or electronic ID card, or type your details instead.
errors-card-protocol = Something went wrong while reading your document. Please place it on the reader again.
errors-card-no-reader = No ID reader is connected. Please type your details instead.
errors-card-transport = The connection to the ID reader was lost. Try again, or type your details instead.
errors-card-tampered = The information on the chip does not match the issuing authority's signature, so it cannot be used. Please type your details or call a member of staff.
