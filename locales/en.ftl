# The bot's own words in English. Quotes from the sources are never translated.
# Every message here must exist in ru.ftl and kk.ftl too (tests/bot/i18n.test.ts fails otherwise).
# Messages are Telegram HTML: escape <, > and & in plain text; values are escaped by the code that passes them.

## Answers

answer-of = Answer { $n } of { $total }
more-answers = More answers ›
previous = ‹ Previous
source-button = Source
# Under a citation whose source is in another language than the reply ($language: the source's language code).
source-note = The source is in { $language ->
        [en] { language-en }
        [ru] { language-ru }
        [kk] { language-kk }
       *[other] another language
    }; quoted as written.
not-in-sources = 🤷 <b>Not in my sources.</b> { $documents ->
        [one] My one document does not answer
       *[other] None of my { $documents } documents answers
    } “{ $question }”.
    I only quote articles about Kazakhstan’s constitutional referendum of 5 June 2022. See /sources for what I have, or rephrase the question.

    { -examples }
small-talk =
    👋 Hello! I answer questions about Kazakhstan’s constitutional referendum of 5 June 2022, quoting my sources word for word.

    { -examples }
long-question = Your question was long; I searched its first { $max } characters.
# Dates in citations ($year is text, $month 1-12, $day a number).
date-full = { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
date-month-year = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }

## Asking

ask-usage = Usage: <code>/ask your question</code> — for example <code>/ask When was the referendum held?</code>
unknown-command = I don’t know that command. Send a question as plain text, or see /help.
empty-question = Send me a question about the 2022 constitutional referendum, e.g. “When was it held?”
rate-limited = You are asking faster than I can keep up with. Please wait about { $seconds } seconds before your next question.

## Buttons and errors

question-gone = I can no longer see the question this answered. Please ask again.
no-more-answers = No more answers for this question.
button-inactive = This button is no longer active.
try-again = Sorry, that did not work. Please try again.
something-wrong = Sorry, something went wrong while answering. Please try again in a moment.

## Inline mode

inline-ask-privately = Ask me in a private chat
inline-not-in-sources = Not in my sources — ask me in private
inline-slow-down = Too many questions — wait a minute

## /sources

sources-header = <b>My sources</b> ({ $count ->
        [one] { $count } document
       *[other] { $count } documents
    }):
sources-footer = Every answer I give is a quote from one of these.

## /start and /help ($bot: the bot's username)

# Shared by welcome (Telegram) and console-welcome (the local console).
-about =
    👋 I answer questions about <b>Kazakhstan’s constitutional referendum of 5 June 2022</b> and the reforms around it.
    Every answer is a quote from a source article, with its title, publisher and date — nothing invented.
-examples =
    <b>Try asking:</b>
    • When was the referendum held?
    • How many polling stations were opened abroad?
    • Who is the chairman of the Central Election Commission?
    • What share of Kazakhstanis supported the referendum?
welcome =
    { -about }

    { -examples }

    Just type a question here. In groups use /ask or mention @{ $bot }; in any chat type @{ $bot } and your question.
    See /help for more, /sources for the documents I quote and /language to change the language.
help =
    <b>How to ask</b>
    • <b>Here, in private:</b> just send your question, e.g. <i>How many polling places were there?</i>
    • <b>In a group:</b> <code>/ask your question</code>, mention @{ $bot } in a message, or reply to one of my answers. I stay quiet otherwise.
    • <b>In any chat (inline):</b> type <code>@{ $bot } your question</code> and pick an answer to share it.
    • <b>In a channel</b> where I am an admin: a post starting with /ask or mentioning me gets a reply.

    Under an answer, <b>More answers</b> shows the next quotes and <b>Source</b> opens the article when it has a link.
    If my documents do not answer a question, I say so. /sources lists them. I understand English, Russian and Kazakh; the quotes are in the language of the source.
    /language changes the language I speak with you.

## Command menus (setMyCommands; at most 256 characters each)

command-start = Welcome and example questions
command-help = How to ask, here, in groups and inline
command-help-group = How to ask
command-sources = The documents I quote
command-ask = Ask a question about the 2022 referendum
command-language = Change the language: English, Русский, Қазақша

## /language

# This language's name for itself, on the buttons of every locale.
language-self = English
language-en = English
language-ru = Russian
language-kk = Kazakh
# $language: the current language's name.
language-menu =
    Current language: <b>{ $language }</b>.
    Until you choose one, I answer in the language of your question or of your Telegram app. Choose:
language-changed = ✅ Done: I will speak English with you. Quotes stay as their source wrote them. /language changes it again.
language-changed-toast = Language: English

## The local console (npm start without BOT_TOKEN): no buttons, groups or inline mode there

console-ready = Local console mode: { $documents } documents, { $passages } passages. Type a question, or /help. Ctrl-D or Ctrl-C quits.
console-welcome =
    { -about }

    { -examples }

    Type a question here and press Enter. /help tells how, /sources lists the documents I quote, /language changes the language. Ctrl-D or Ctrl-C quits.
console-help =
    <b>How to ask (local console)</b>
    • Type a question and press Enter, e.g. <i>How many polling places were there?</i> <code>/ask your question</code> works too.
    • Every answer is a quote from one of my documents, with its title, publisher, date and link; if they do not answer, I say so. /sources lists them.
    • I understand English, Russian and Kazakh; the quotes are in the language of the source. <code>/language ru</code> (or <code>en</code>, <code>kk</code>) changes the language I speak here.
    • Ctrl-D or Ctrl-C quits. To run the Telegram bot instead, put BOT_TOKEN in .env (see the README).
console-language-menu =
    Current language: <b>{ $language }</b>.
    Until you choose one, I answer in the language of your question. Type <code>/language en</code>, <code>/language ru</code> or <code>/language kk</code>.
