# The smart mirror's screen (mirror/, ui/mirror/) and its guidance topics (assets/topics/).

mirror-name = Civil-service guide
# Shown while nobody is at the mirror and topics play one after another.
mirror-attract = Touch the screen to start
mirror-choose = What would you like to know?
# $n: this step, $total: how many steps the topic has.
mirror-step = Step { $n } of { $total }
mirror-next = Next
mirror-previous = Back
mirror-topics = Other topics
mirror-slow = Slower
mirror-replay = Sign again
mirror-speak = Read aloud
mirror-language = Language
mirror-text-size = Text size
mirror-contrast = High contrast
mirror-sign = Sign-language video
mirror-sample = Sign sample · not real sign language

mirror-topic-passport-reissue = Passport reissue
    .summary = How to get a new passport.
mirror-topic-passport-reissue-step-bring = Bring your current passport, one passport photo taken in the last 6 months (3.5 cm wide, 4.5 cm high), and an ID card.
mirror-topic-passport-reissue-step-kiosk = At the civil-service kiosk, choose "Passport reissue". Place your passport on the reader and your name and birth date are filled in.
mirror-topic-passport-reissue-step-counter = When you have your receipt number, hand in the photo and pay the fee at the passport counter.
mirror-topic-passport-reissue-step-collect = We tell you when the new passport is ready. Bring an ID card when you collect it.

mirror-topic-lost-item = Lost-item report
    .summary = How to report something you lost.
mirror-topic-lost-item-step-what = Think of what you lost, when and where. Its colour and brand help too.
mirror-topic-lost-item-step-kiosk = At the civil-service kiosk, choose "Report a lost item" and answer one question at a time, in your language.
mirror-topic-lost-item-step-contact = When it is found, we call the mobile number you gave. You can also search the police lost-and-found site, lost112.go.kr.

mirror-topic-moving-in = Moving-in report
    .summary = How to register your new address after moving.
mirror-topic-moving-in-step-when = Report within 14 days of moving.
mirror-topic-moving-in-step-bring = Bring an ID card. If you move into another household, its head must confirm.
mirror-topic-moving-in-step-where = At any community centre, or online at Government24 (www.gov.kr). You can also start at the civil-service kiosk.

mirror-topic-resident-certificate = Resident registration certificate
    .summary = How to get a resident registration certificate.
mirror-topic-resident-certificate-step-kiosk = At the civil-service kiosk, choose "Resident registration certificate".
mirror-topic-resident-certificate-step-id = Have an ID card ready to prove who you are.
mirror-topic-resident-certificate-step-receive = Give your receipt number at the counter and the certificate is issued.

mirror-topic-counter-3 = Where is counter 3?
    .summary = The way from the entrance to counter 3.
mirror-topic-counter-3-step-ticket = Take a number from the ticket machine to the right of the entrance.
mirror-topic-counter-3-step-walk = Walk past the kiosks, ten steps ahead: counter 3 is on your left.
mirror-topic-counter-3-step-wait = When your number shows on the screen, go to counter 3.
