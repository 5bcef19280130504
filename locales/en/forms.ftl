# Forms surface: titles, questions (with .hint), field labels and choices of the bundled forms.
# Ids follow docs/forms.md: forms-<form>, forms-<form>-step-<step>, forms-<form>-<field>, forms-<form>-<field>-<choice>.

## Shared by several forms

forms-common-step-resident-number = What is your resident registration number?
    .hint = It has 13 digits. You do not need to type the dash (-).
forms-common-resident-number = Resident registration number
forms-common-step-mobile = What is your mobile number?
    .hint = We will send you a text message about your application. For example: 010-1234-5678
forms-common-mobile = Mobile number
forms-common-step-consent = Do you agree to us collecting and using your personal information?
forms-common-privacy-consent = Consent to collect and use personal information

# The consent notice (개인정보 보호법 §15(2)): each term, and its .text (the items are the labels
# of the form's personal fields, listed by the kiosk).
forms-consent-purpose = Why we collect it
    .text = To receive and process your application and to tell you its result.
forms-consent-items = What we collect
forms-consent-retention = How long we keep it
    .text = The kiosk keeps it encrypted only until it reaches the office, then deletes it. The office keeps it for the period the law sets for this kind of application, then destroys it.
forms-consent-refusal = Your right to refuse
    .text = You may refuse. If you do, you cannot apply at this kiosk; please apply at the counter with a member of staff.

## Passport reissue

forms-passport-reissue = Passport reissue
    .summary = Get a new passport when yours has expired or was lost
forms-passport-reissue-step-reason = Why do you need a new passport?
forms-passport-reissue-reason = Reason for reissue
forms-passport-reissue-reason-expired = It has expired
forms-passport-reissue-reason-lost = It was lost
forms-passport-reissue-reason-damaged = It is damaged
forms-passport-reissue-reason-changed-details = My details changed (such as my name)
forms-passport-reissue-reason-pages-full = No blank visa pages left
forms-passport-reissue-step-loss-date = When did you lose your passport?
    .hint = If you are not sure, give the closest date.
forms-passport-reissue-loss-date = Date lost
forms-passport-reissue-step-loss-place = Where did you lose it?
    .hint = For example: Incheon Airport Terminal 1, near home
forms-passport-reissue-loss-place = Place lost
forms-passport-reissue-step-loss-how = How was it lost?
forms-passport-reissue-loss-how = How it was lost
forms-passport-reissue-loss-how-misplaced = I do not know where I left it
forms-passport-reissue-loss-how-stolen = It was stolen
forms-passport-reissue-loss-how-unknown = I am not sure
forms-passport-reissue-step-pages = How many pages do you want?
    .hint = If you travel often, we suggest 58 pages. The fee is slightly different.
forms-passport-reissue-pages = Number of pages
forms-passport-reissue-pages-58 = 58 pages
forms-passport-reissue-pages-26 = 26 pages
forms-passport-reissue-step-name-latin = What is your name in Roman letters?
    .hint = Use the same spelling as in your current passport.
forms-passport-reissue-surname = Surname
forms-passport-reissue-given-names = Given names
forms-passport-reissue-step-name-korean = What is your name in Korean?
forms-passport-reissue-name-korean = Name in Korean
forms-passport-reissue-step-old-passport = What is the number of your current passport?
    .hint = It is at the top right of the photo page. If it was lost and you do not know it, leave this empty.
forms-passport-reissue-old-passport-number = Current passport number
forms-passport-reissue-step-address = What is your address?
forms-passport-reissue-address = Address
forms-passport-reissue-step-emergency-name = Who should we contact in an emergency? Their name, please
    .hint = A family member or friend we can call if something happens to you abroad.
forms-passport-reissue-emergency-name = Emergency contact name
forms-passport-reissue-step-emergency-relation = How is this person related to you?
forms-passport-reissue-emergency-relation = Relationship
forms-passport-reissue-emergency-relation-spouse = Spouse
forms-passport-reissue-emergency-relation-parent = Parent
forms-passport-reissue-emergency-relation-child = Child
forms-passport-reissue-emergency-relation-sibling = Brother or sister
forms-passport-reissue-emergency-relation-other = Other
forms-passport-reissue-step-emergency-phone = What is their phone number?
forms-passport-reissue-emergency-phone = Emergency contact phone number
forms-passport-reissue-step-photo = How will you provide your passport photo?
    .hint = You need a photo 3.5 cm wide and 4.5 cm high, taken within the last 6 months.
forms-passport-reissue-photo = Passport photo

## Lost-item report

forms-lost-item-report = Report a lost item
    .summary = Report something you lost and be contacted when it is found
forms-lost-item-report-step-item = What did you lose?
forms-lost-item-report-item = Lost item
forms-lost-item-report-item-wallet = Wallet
forms-lost-item-report-item-phone = Mobile phone
forms-lost-item-report-item-bag = Bag
forms-lost-item-report-item-id-card = ID card
forms-lost-item-report-item-keys = Keys
forms-lost-item-report-item-other = Something else
forms-lost-item-report-step-contents = What was inside? Choose all that apply
    .hint = If nothing was inside, go on without choosing.
forms-lost-item-report-contents = Contents
forms-lost-item-report-contents-id-card = ID card
forms-lost-item-report-contents-bank-card = Bank card
forms-lost-item-report-contents-cash = Cash
forms-lost-item-report-contents-driving-licence = Driving licence
forms-lost-item-report-contents-residence-card = Residence card
forms-lost-item-report-contents-other = Something else
forms-lost-item-report-step-description = What does it look like?
    .hint = Colour, size, brand: anything that helps us recognise it.
forms-lost-item-report-description = Description
forms-lost-item-report-step-when = When did you lose it?
    .hint = If you are not sure, enter the closest date.
forms-lost-item-report-lost-date = Date lost
forms-lost-item-report-step-where-area = Where did you lose it?
forms-lost-item-report-lost-area = Kind of place
forms-lost-item-report-lost-area-transport = On a bus, the subway or other transport
forms-lost-item-report-lost-area-street = In the street, a park or a market
forms-lost-item-report-lost-area-building = Inside a building
forms-lost-item-report-lost-area-other = Somewhere else
forms-lost-item-report-step-where-spot = Which one?
forms-lost-item-report-lost-spot = Place
forms-lost-item-report-lost-spot-bus = Bus
forms-lost-item-report-lost-spot-subway = Subway
forms-lost-item-report-lost-spot-taxi = Taxi
forms-lost-item-report-lost-spot-train = Train
forms-lost-item-report-lost-spot-road = Street
forms-lost-item-report-lost-spot-park = Park
forms-lost-item-report-lost-spot-market = Market
forms-lost-item-report-lost-spot-office = Public office
forms-lost-item-report-lost-spot-shop = Shop
forms-lost-item-report-lost-spot-restaurant = Restaurant
forms-lost-item-report-lost-spot-hospital = Hospital
forms-lost-item-report-step-where = Where exactly was it?
    .hint = For example: Jongno 3-ga station, line 1 platform; bus 152
forms-lost-item-report-lost-place = Place lost
forms-lost-item-report-step-name = What is your name?
forms-lost-item-report-name = Your name
forms-lost-item-report-step-contact = How should we contact you when it is found?
forms-lost-item-report-step-mobile = Which mobile number should we contact when it is found?
forms-lost-item-report-mobile = Mobile number
forms-lost-item-report-contact-by = Contact by
forms-lost-item-report-contact-by-text-message = Text message
forms-lost-item-report-contact-by-call = Phone call

## Moving-in report

forms-moving-in-report = Moving-in report
    .summary = Register your new address after moving house (within 14 days)
forms-moving-in-report-step-name = What is the name of the person reporting?
forms-moving-in-report-name = Name of reporter
forms-moving-in-report-step-previous-address = What was your address before you moved?
    .hint = This is the address on the back of your ID card.
forms-moving-in-report-previous-address = Previous address
forms-moving-in-report-step-new-address = What is your new address?
    .hint = Include the building and flat number.
forms-moving-in-report-new-address = New address
forms-moving-in-report-step-move-date = When did you move?
    .hint = You must report within 14 days of moving.
forms-moving-in-report-move-date = Moving date
forms-moving-in-report-step-household = Which household are you joining?
forms-moving-in-report-household = Household
forms-moving-in-report-household-new-household = I am starting a new household
forms-moving-in-report-household-join-household = I am joining an existing household
forms-moving-in-report-step-relation = How are you related to the head of household?
forms-moving-in-report-relation = Relationship to the head of household
forms-moving-in-report-relation-head = I am the head of household
forms-moving-in-report-relation-spouse = Spouse
forms-moving-in-report-relation-child = Child
forms-moving-in-report-relation-parent = Parent
forms-moving-in-report-relation-sibling = Brother or sister
forms-moving-in-report-relation-other = Other
forms-moving-in-report-step-members = How many people moved with you, not counting you?
    .hint = If you moved alone, enter 0.
forms-moving-in-report-members = People moving in with you
forms-moving-in-report-step-member = Who moved with you?
forms-moving-in-report-member-name = Name
forms-moving-in-report-member-resident-number = Resident registration number
forms-moving-in-report-member-relation = Relationship to the head of household
forms-moving-in-report-member-relation-spouse = Spouse
forms-moving-in-report-member-relation-child = Child
forms-moving-in-report-member-relation-parent = Parent
forms-moving-in-report-member-relation-sibling = Brother or sister
forms-moving-in-report-member-relation-other = Other

## Chaeum library membership

forms-library-card = Chaeum library membership
    .summary = One card to borrow books at every Chaeum library in Korea
forms-library-card-step-name = What is your name?
forms-library-card-name = Name
forms-library-card-step-birth-date = What is your date of birth?
    .hint = Children under 14 need to sign up with a parent or guardian.
forms-library-card-birth-date = Date of birth
forms-library-card-step-address = What is your address?
forms-library-card-address = Address
forms-library-card-step-notices = Which text messages would you like to receive?
    .hint = Choose as many as you like, or none.
forms-library-card-notices = Text messages
forms-library-card-notices-due-date = Return date reminders
forms-library-card-notices-reservation = A reserved book has arrived
forms-library-card-notices-events = Library events

## Resident registration certificate

forms-resident-certificate = Resident registration certificate
    .summary = Request a copy or an abstract of your resident registration
forms-resident-certificate-step-kind = Which document do you need?
    .hint = A copy lists everyone in your household; an abstract lists your own address history.
forms-resident-certificate-kind = Document
forms-resident-certificate-kind-copy = Copy (deungbon)
forms-resident-certificate-kind-abstract = Abstract (chobon)
forms-resident-certificate-step-name = What is your name?
forms-resident-certificate-name = Name
forms-resident-certificate-step-include = What should the document include?
    .hint = Anything you do not choose is left out. Choose only what the office asking for it needs.
forms-resident-certificate-include = Include
forms-resident-certificate-include-past-addresses = Past address changes
forms-resident-certificate-include-household-reason = Reason the household was formed
forms-resident-certificate-include-relation-to-head = Relationship to the head of household
forms-resident-certificate-include-move-in-dates = Moving-in and change dates
forms-resident-certificate-include-full-resident-numbers = Full resident registration numbers
forms-resident-certificate-step-copies = How many copies do you need?
forms-resident-certificate-copies = Number of copies
forms-resident-certificate-step-purpose = What will you use it for?
forms-resident-certificate-purpose = Purpose
forms-resident-certificate-purpose-personal = For my own records
forms-resident-certificate-purpose-bank = For a bank
forms-resident-certificate-purpose-school = For a school
forms-resident-certificate-purpose-employment = For an employer
forms-resident-certificate-purpose-court = For a court or public office
forms-resident-certificate-purpose-other = Other
