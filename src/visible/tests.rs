//! Table-driven tests: the forms from the project's scenarios, each quoting style, and the false
//! positives the stripper must leave alone.

use super::*;

/// Our automated text, as a scenario would fill `{{01.OUT1.TEXT}}`.
const OUR_TEXT: &str = "Hello,\n\nThank you for contacting PyPI support about your account.\n\nPlease answer these questions:\n1. Do you agree to follow the PSF Code of Conduct?\n2. Can you still receive email at the address on the account?\n3. Do you understand that the review may take a significant amount of time?\n\nPyPI Support";

fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">\n".to_string()
            } else {
                format!("> {l}\n")
            }
        })
        .collect()
}

fn kinds(v: &Visible) -> Vec<SegmentKind> {
    v.segments.iter().map(|s| s.kind).collect()
}

fn signature_text(v: &Visible) -> String {
    v.segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Signature)
        .map(|s| s.text.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

fn quote_text(v: &Visible) -> String {
    v.segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Quote)
        .map(|s| s.text.as_str())
        .collect()
}

#[track_caller]
fn check(name: &str, body: &str, expected: &str) {
    let v = analyze(body);
    assert_eq!(
        v.text(),
        expected,
        "{name}: visible text; segments: {:#?}",
        v.segments
    );
    let whole: String = v.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(whole, body, "{name}: segments must hold the whole body");
}

#[test]
fn scenario_forms_keep_only_the_new_text() {
    let gmail = format!(
        "Hi,\n\nYes, I can still receive email at the address on the account.\n\nOn Tue, Feb 10, 2026 at 4:07 PM PyPI Support <support@pypi.example> wrote:\n\n{}",
        quoted(OUR_TEXT)
    );
    let iphone = format!(
        "1. Yes\n2. Yes\n3. Yes\n\nSent from my iPhone\n\n> On 11 Feb 2026, at 07:59, PyPI Support <support@pypi.example> wrote:\n> \n{}",
        quoted(OUR_TEXT)
    );
    let outlook_plain = format!(
        "Hello,\n\nI agree to follow the Code of Conduct. I never downloaded recovery codes.\n\nIngrid\n\n-----Original Message-----\nFrom: PyPI Support <support@pypi.example> \nSent: Thursday, February 12, 2026 9:13 AM\nTo: Ingrid Baptiste <ingrid.baptiste@lab.example.com>\nSubject: Your PyPI account recovery request\n\n{OUR_TEXT}\n"
    );
    let outlook_html_part = format!(
        "Good morning,\n\nYes, I understand that the review may take a significant amount of time.\n\nIngrid\n\nFrom: PyPI Support <support@pypi.example> \nSent: Thursday, February 12, 2026 2:41 PM\nTo: Ingrid Baptiste <ingrid.baptiste@lab.example.com>\nSubject: Re: Your PyPI account recovery request\n\n{OUR_TEXT}\n"
    );
    let gmail_android = format!(
        "Please disregard my request. I found the recovery codes.\n\nTendai\n\nOn Sun, 15 Feb 2026, 20:19 PyPI Support, <support@pypi.example> wrote:\n\n{}",
        quoted(OUR_TEXT)
    );
    let kmail = format!(
        "Am Donnerstag, 19. Februar 2026, 08:56:10 CET schrieb PyPI Support:\n{}\nEntschuldigung, I left the placeholder in the template. My username is actually `malbrecht`.\n\nI agree to follow the PSF Code of Conduct.\n\nGrüße\nMoritz\n",
        quoted(OUR_TEXT)
    );
    let cases: &[(&str, &str, &str)] = &[
        (
            "gmail",
            &gmail,
            "Hi,\n\nYes, I can still receive email at the address on the account.",
        ),
        ("iphone", &iphone, "1. Yes\n2. Yes\n3. Yes"),
        (
            "outlook plain",
            &outlook_plain,
            "Hello,\n\nI agree to follow the Code of Conduct. I never downloaded recovery codes.\n\nIngrid",
        ),
        (
            "outlook html part",
            &outlook_html_part,
            "Good morning,\n\nYes, I understand that the review may take a significant amount of time.\n\nIngrid",
        ),
        (
            "gmail android",
            &gmail_android,
            "Please disregard my request. I found the recovery codes.\n\nTendai",
        ),
        (
            "kmail bottom-posted",
            &kmail,
            "Entschuldigung, I left the placeholder in the template. My username is actually `malbrecht`.\n\nI agree to follow the PSF Code of Conduct.",
        ),
    ];
    for (name, body, expected) in cases {
        check(name, body, expected);
    }
}

#[test]
fn requests_lose_only_their_sign_off() {
    let form = "Hi,\n\nI'm pasting the form here:\n\n### PyPI Username\n\n`wlchao`\n\n### Recovery Codes\n\n- [x] I never generated or have lost access to the recovery codes for my account\n\nThanks,\nWen-Li\n";
    let foxmail = "I still have one of my old recovery codes: 5e0c2b9a17f4d386 - but it is rejected too.\n\nBest regards,\n陈嘉慧 (Chen Jiahui)\n\njiahui.chen@example.com\n";
    let outlook = "I can still access my mailbox.\n\nKind regards,\nIngrid Baptiste\nResearch Software Engineer\nExample Lab\n";
    let work = "For case 123: I lost the recovery codes together with the phone.\n\nLuis Carvajal\nPlatform Team | Corp Example\n";
    let on_monday = "Hello again,\n\nOn Monday I wrote to you about my PyPI account hsolberg (lost security key).\n\nBest regards,\nHanne Solberg\n";
    let cases: &[(&str, &str, &str)] = &[
        (
            "form paste",
            form,
            &form[..form.find("\n\nThanks,").expect("sign-off")],
        ),
        (
            "foxmail",
            foxmail,
            "I still have one of my old recovery codes: 5e0c2b9a17f4d386 - but it is rejected too.",
        ),
        (
            "outlook sign-off with title",
            outlook,
            "I can still access my mailbox.",
        ),
        ("name and team without a closing phrase", work, work.trim()),
        (
            "on monday i wrote",
            on_monday,
            "Hello again,\n\nOn Monday I wrote to you about my PyPI account hsolberg (lost security key).",
        ),
    ];
    for (name, body, expected) in cases {
        check(name, body, expected);
    }
}

#[test]
fn thunderbird_signature_is_a_signature_segment() {
    let body = "I still know my password.\n\nThank you,\nPriya\n\n-- \nPriya Raghunathan\nMastodon username: @priyar@fosstodon.example\n";
    let v = analyze(body);
    assert_eq!(v.text(), "I still know my password.");
    assert_eq!(
        kinds(&v),
        [
            SegmentKind::New,
            SegmentKind::Signature,
            SegmentKind::Signature
        ]
    );
    assert_eq!(
        v.segments[2].text,
        "-- \nPriya Raghunathan\nMastodon username: @priyar@fosstodon.example\n"
    );
}

#[test]
fn attribution_lines_in_many_languages_start_the_quote() {
    let headers = [
        "On Tue, Feb 10, 2026 at 4:07 PM PyPI Support <support@pypi.example> wrote:",
        "Am 25.06.2015 um 10:55 schrieb Test user:",
        "Am Donnerstag, 19. Februar 2026, 08:56:10 CET schrieb PyPI Support:",
        "Le 19 mars 2014 10:37, Cédric Lombardot <cedric.lombardot@gmail.com> a écrit :",
        "El 19/03/2014 11:34, Juan Pérez <juan.perez@mailcatch.com> escribió:",
        "Em 19/03/2014 11:34, João <joao@example.com> escreveu:",
        "Op 12 december 2016 19:05 schreef Company Questions <questions@company.com>:",
        "Il giorno 8 dicembre 2016, Company Questions <questions@mycompany.com> ha scritto:",
        "W dniu 7 stycznia 2015 15:24 użytkownik Paweł <pbrzoski91@gmail.com> napisał:",
        "Den 08/06/2015 kl. 21.21 skrev Test user <test@example.com>:",
        "29 декабря 2017 г., в 19:09, Иван <ivan@example.com> написал(а):",
        "在 2016年11月8日，下午2:23，Test user <test@example.com> 写道：",
        "2016/11/08 14:26、Test user <test@example.com> のメッセージ:",
        "2014-03-20 8:48 GMT+01:00 Rémi Dolan <do_not_reply@dolan.com>:",
        "On Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote",
        "---- On Thu, 15 Dec 2016 10:00:00 +0100 PyPI Support <support@pypi.example> wrote ----",
        // Gmail, Yahoo, Fastmail, Apple Mail in the forms they use today.
        "On Tuesday, February 10, 2026, 04:07:00 PM GMT+1, PyPI Support <support@pypi.example> wrote:",
        "On Tue, Feb 10, 2026, at 16:07, PyPI Support wrote:",
        "Am 10.02.2026 um 16:07 schrieb PyPI Support <support@pypi.example>:",
        "Le mar. 10 févr. 2026 à 16:07, PyPI Support <support@pypi.example> a écrit :",
        "El mar, 10 feb 2026 a las 16:07, PyPI Support (<support@pypi.example>) escribió:",
        "Em ter., 10 de fev. de 2026 às 16:07, PyPI Support <support@pypi.example> escreveu:",
        "Op di 10 feb 2026 om 16:07 schreef PyPI Support <support@pypi.example>:",
        "вт, 10 февр. 2026 г. в 16:07, PyPI Support <support@pypi.example>:",
        "PyPI Support <support@pypi.example> 于2026年2月10日周二 16:07写道：",
        "2026年2月10日(火) 16:07 PyPI Support <support@pypi.example>:",
        "2026년 2월 10일 (화) 오후 4:07, PyPI Support <support@pypi.example>님이 작성:",
        "În mar., 10 feb. 2026 la 16:07, PyPI Support <support@pypi.example> a scris:",
        "Dana 10. 2. 2026. u 16:07, PyPI Support <support@pypi.example> je napisao:",
        "Στις Τρί 10 Φεβ 2026 στις 16:07, ο/η PyPI Support <support@pypi.example> έγραψε:",
        // Turnpike and newsreaders: a message id, the sender, "writes" and no colon
        "In message <mc.3f9a.17@pypi.example>, PyPI Support <support@pypi.example> writes",
        "In article <abc123@news.example.org>, Jo Bloggs <jo@example.org> writes:",
        // The Bat!: the verb first, then the date and time
        "Вы писали 11 марта 2026 г., 10:00:02:",
        "You wrote 11 March 2026, 10:00:02:",
        "W Twoim liście z dnia 12 marca 2026 (13:58:40) można przeczytać:",
        // a name that is also a word of prose after the verb
        "Am 02.03.26 um 10:05 schrieb Ramesh Dass:",
        "Op 02-03-2026 om 10:05 schreef Nguyen Thi Que:",
    ];
    for header in headers {
        // Unquoted history after the header: it runs to the end.
        check(
            header,
            &format!("Thank you very much.\n\n{header}\n\nThis is my previous mail\n"),
            "Thank you very much.",
        );
        // Quoted history after the header.
        check(
            header,
            &format!("Thank you very much.\n\n{header}\n> This is my previous mail\n"),
            "Thank you very much.",
        );
    }
}

#[test]
fn a_sentence_opening_with_you_wrote_is_prose() {
    for line in [
        "You wrote that it takes time:",
        "You wrote me yesterday at 10 that I should wait, so here is everything:",
        "Sie schrieben am 2. März um 10:15, dass noch Angaben fehlen. Hier sind sie:",
        "Вы писали в 10:15, что нужны ответы на вопросы. Вот они:",
        "You wrote at 10:30 that you need the following:",
        "my username is kd-lee. You wrote on 2 March at 10:30 that you need the following:",
        "On Monday at 10:30 your colleague wrote that these answers were missing:",
        "You wrote that the review can take a long time, but I have a release planned for Friday at 09:00 and my users are waiting for it, so here is everything you asked for:",
    ] {
        let v = analyze(&format!("Hello,\n\n{line}\n\nmy username is kd-lee.\n")).text();
        assert!(v.contains("my username is kd-lee"), "{line}: {v}");
    }
}

#[test]
fn attribution_wrapped_over_two_lines_is_found() {
    let cases = [
        "On Mon, Aug 26, 2019 at 4:37 PM PyPI Support <\nsupport@pypi.example> wrote:",
        "Le lun. 15 nov. 2021 à 19:42, PyPI Support <support@pypi.example>\na écrit :",
        "tir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com\n>:",
        "pe 20. lokakuuta 2017 klo 17.50 John Coe\n<john@example.com> kirjoitti:",
        "On Dec 16, 2011, at 12:47 PM, Corey Donohoe\n<reply@reply.github.com>\nwrote:",
    ];
    for header in cases {
        check(
            header,
            &format!("My answer.\n\n{header}\n\n> old text\n> more\n"),
            "My answer.",
        );
    }
}

#[test]
fn header_blocks_and_separators_start_the_quote() {
    let cases = [
        "-----Original Message-----\nFrom: PyPI Support <support@pypi.example>\nSent: Thursday\nTo: me\nSubject: hi",
        "________________________________\nFrom: PyPI Support <support@pypi.example>\nSent: Thursday, September 26, 2019 11:35:12 AM\nTo: Me <me@example.com>\nSubject: Re: account",
        "*From:* PyPI Support [mailto:support@pypi.example]\n*Sent:* Thursday, February 09, 2012 1:36 PM\n*To:* me@example.com\n*Subject:* Re: account",
        "De : PyPI Support <support@pypi.example>\nEnvoyé : jeudi 12 février 2026 09:13\nÀ : moi@example.fr\nObjet : Re: compte",
        "Von: PyPI Support <support@pypi.example>\nGesendet: Donnerstag, 12. Februar 2026 09:13\nAn: ich@example.de\nBetreff: AW: Konto",
        "-----Ursprüngliche Nachricht-----\nVon: PyPI Support <support@pypi.example>",
        "-------- Message d'origine --------\nDe : PyPI Support <support@pypi.example>\nDate : 23/06/24 10:46",
        "---------- Forwarded message ---------\nFrom: PyPI Support <support@pypi.example>\nDate: Tue, Feb 10, 2026",
        "Begin forwarded message:\n\nFrom: PyPI Support <support@pypi.example>\nSubject: Re: account",
        "------- Original Message -------\nOn Tuesday, February 10th, 2026 at 4:07 PM, PyPI Support <support@pypi.example> wrote:",
        "De: PyPI Support <support@pypi.example>\nEnviado: martes, 10 de febrero de 2026 16:07\nPara: yo@example.es\nAsunto: RE: cuenta",
        "Van: PyPI Support <support@pypi.example>\nVerzonden: dinsdag 10 februari 2026 16:07\nAan: ik@example.nl\nOnderwerp: RE: account",
        "Od: PyPI Support <support@pypi.example>\nWysłane: wtorek, 10 lutego 2026 16:07\nDo: ja@example.pl\nTemat: RE: konto",
        "От: PyPI Support <support@pypi.example>\nОтправлено: 10 февраля 2026 г. 16:07\nКому: я@example.ru\nТема: RE: аккаунт",
        "发件人: PyPI Support <support@pypi.example>\n发送时间: 2026年2月10日 16:07\n收件人: me@example.cn\n主题: 回复: account",
        "差出人：PyPI Support <support@pypi.example>\n送信日時：2026年2月10日 16:07\n宛先：me@example.jp\n件名：RE: account",
        "Šalje: PyPI Support <support@pypi.example>\nPoslano: utorak, 10. veljače 2026. 16:07\nPrima: ja@example.hr\nPredmet: RE: račun",
        "De la: PyPI Support <support@pypi.example>\nTrimis: marți, 10 februarie 2026 16:07\nCătre: eu@example.ro\nSubiect: RE: cont",
        "From: PyPI Support <support@pypi.example>\nReply-To: PyPI <support@pypi.example>\nDate: Tue, 10 Feb 2026",
    ];
    for header in cases {
        check(
            header,
            &format!("My answer.\n\n{header}\n\n{OUR_TEXT}\n"),
            "My answer.",
        );
    }
}

#[test]
fn bottom_posted_and_interleaved_answers_keep_the_new_text() {
    check(
        "bottom-posted",
        "On Tue, Feb 10, 2026 at 4:07 PM PyPI Support <support@pypi.example> wrote:\n> Do you agree?\n> Can you receive mail?\n\nYes to both.\n",
        "Yes to both.",
    );
    check(
        "interleaved",
        "> 1. Do you agree to follow the PSF Code of Conduct?\nYes.\n\n> 2. Can you still receive email at the address on the account?\n\nYes, this one.\n",
        "Yes.\n\nYes, this one.",
    );
    check(
        "answer right below a long quoted question",
        "> 2. Can you still receive email at the address on the account, please?\nYes\n> 3. Is there anything else\nNo\n",
        "Yes\n\nNo",
    );
    check(
        "re-wrapped quote line stays in the quote",
        "Answer above.\n\n> This quoted line was long enough that the client wrapped it onto the\nnext line without a marker\n> and the quote went on.\n",
        "Answer above.",
    );
}

#[test]
fn signatures_and_footers_are_signature_segments() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "rfc delimiter",
            "Body.\n\n-- \nJane\n",
            "Body.",
            "-- \nJane",
        ),
        ("bare delimiter", "Body.\n--\nrick\n", "Body.", "--\nrick"),
        (
            "iphone",
            "Body.\n\nSent from my iPhone\n",
            "Body.",
            "Sent from my iPhone",
        ),
        (
            "outlook mobile",
            "Body.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n",
            "Body.",
            "Get Outlook for iOS<https://aka.ms/o0ukef>",
        ),
        (
            "german mobile",
            "Text.\n\nVon meinem iPhone gesendet\n",
            "Text.",
            "Von meinem iPhone gesendet",
        ),
        (
            "typo apology",
            "Body.\n\nSent from my cell, please excuse any typos.\n",
            "Body.",
            "Sent from my cell, please excuse any typos.",
        ),
        (
            "sign-off",
            "Body.\n\nThanks,\nPriya\n",
            "Body.",
            "Thanks,\nPriya",
        ),
        (
            "sign-off two-line name",
            "Body.\n\nBest regards,\n\nJan de Vries\nMaintainer, example-lib\n",
            "Body.",
            "Best regards,\n\nJan de Vries\nMaintainer, example-lib",
        ),
        (
            "german sign-off",
            "Text.\n\nGrüße\nMoritz\n",
            "Text.",
            "Grüße\nMoritz",
        ),
        (
            "named sign-off",
            "Body.\n\nCheers, Bob\n",
            "Body.",
            "Cheers, Bob",
        ),
        (
            "dash name",
            "Body.\n\n-Abhishek Kona\n",
            "Body.",
            "-Abhishek Kona",
        ),
        (
            "list footer",
            "Body.\n\n_______________________________________________\nriak-users mailing list\nriak-users@lists.basho.com\n",
            "Body.",
            "_______________________________________________\nriak-users mailing list\nriak-users@lists.basho.com",
        ),
    ];
    for (name, body, text, sig) in cases {
        let v = analyze(body);
        assert_eq!(v.text(), *text, "{name}: {:#?}", v.segments);
        assert_eq!(signature_text(&v), *sig, "{name}");
    }
}

#[test]
fn content_that_looks_like_history_or_signature_is_kept() {
    let cases: &[(&str, &str)] = &[
        (
            "One is not On",
            "One outstanding question: can I keep my username?\n\nOn Monday I can call.",
        ),
        (
            "On as prose",
            "On your remote host you can run:\n\n    telnet 127.0.0.1 52698\n\nOn average it works.",
        ),
        (
            "On the other hand",
            "On the surface this looks odd.\n\nOn the other hand, we should be careful.\nOn average, this works well.",
        ),
        (
            "sent from my desk",
            "Here is another email\n\nSent from my desk, is much easier then my mobile phone.",
        ),
        (
            "sent from in a sentence",
            "The notification was sent from my iPhone app to all users.",
        ),
        (
            "dashes mid-line",
            "Use the flag -- it is documented -- and try again.\nThe option --verbose helps.",
        ),
        (
            "url with wrote",
            "Check out https://example.com/blog/on-date-someone-wrote-about-parsing\n\nIt covers \"wrote:\" in URLs.",
        ),
        (
            "in message as prose",
            "In message boards people often say the same thing and nobody writes\n\nIn my message of 3 May to bob@example.org, he writes",
        ),
        (
            "something wrote",
            "Something wrote:\n\nthat the account was locked, which is why I'm writing.",
        ),
        (
            "thanks as content",
            "Thanks, I still know my password.\n\nMy username is priya-r.",
        ),
        (
            "thanks above more text",
            "Thanks,\n\nI also still have access to my email address and the GitHub account.",
        ),
        (
            "timestamps",
            "Here are times:\n\n2024-01-15 14:30:25\n15.01.2024 14:30\nJan 15, 2024 at 14:30\n\nNot headers.",
        ),
        (
            "markdown rule",
            "## Key Points\n----\n\n1. Performance improved\n\n----\n\nThe dashes above are markdown formatting, not signatures.",
        ),
        ("bullet list", "Answers:\n- Yes\n- No"),
        (
            "regards in a sentence",
            "I am writing with regards to the payment.\n\nBest regards to the team, they were helpful.",
        ),
        ("user's own short answer", "Yes"),
        (
            "date in prose above a header-like line",
            "I registered in 2019 and used it since.\nMy username is jdoe.",
        ),
    ];
    for (name, body) in cases {
        let v = analyze(body);
        assert_eq!(kinds(&v), [SegmentKind::New], "{name}: {:#?}", v.segments);
        assert_eq!(v.text(), body.trim(), "{name}");
    }
}

#[test]
fn a_marker_with_nothing_new_above_hides_only_itself() {
    let body = "On 15 May 2017 19:32, \"Nomadic Sprite\" <nomadic@example.com> wrote:\n\nThe intent was to return nil.\n";
    check(
        "attribution on the first line",
        body,
        "The intent was to return nil.",
    );
    let forward = "From: Someone <someone@example.com>\nSent: Monday\nTo: me@example.com\nSubject: hi\n\nForwarded text.\n";
    check("header block on the first line", forward, "Forwarded text.");
}

#[test]
fn empty_and_odd_bodies() {
    for body in [
        "",
        "\n",
        "\n\n\n",
        ">",
        "--",
        "-- \n",
        "\r\n",
        "x",
        "> a\n> b",
        "\u{feff}hello",
    ] {
        let v = analyze(body);
        let whole: String = v.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(whole, body);
    }
    check(
        "crlf",
        "Answer.\r\n\r\nOn Tue, Feb 10, 2026 at 4:07 PM X <x@example.com> wrote:\r\n> old\r\n",
        "Answer.",
    );
}

#[test]
fn strip_known_relabels_our_pasted_text() {
    // Pasted without markers or header, below the answer.
    let body = format!("Yes\n\n{OUR_TEXT}\n");
    let mut v = analyze(&body);
    assert!(v.text().contains("PSF Code of Conduct"));
    strip_known(&mut v, &[OUR_TEXT]);
    assert_eq!(v.text(), "Yes");
    let whole: String = v.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(whole, body);

    // Leading '>' and whitespace differences do not matter.
    let body = format!(
        "Answer.\n\n{}",
        OUR_TEXT
            .lines()
            .map(|l| format!(">>  {l}  \n"))
            .collect::<String>()
    );
    let mut v = Visible {
        segments: vec![Segment {
            kind: SegmentKind::New,
            text: body.clone(),
        }],
    };
    strip_known(&mut v, &[OUR_TEXT]);
    assert_eq!(v.text(), "Answer.");
    assert!(quote_text(&v).contains("PSF Code of Conduct"));
}

#[test]
fn strip_known_never_eats_short_answers() {
    let ours = "Hello,\nYes\nThanks,\nPyPI Support";
    let body = "Yes\n\nMy username is priya-r.\n\nThanks,\nPriya\n";
    let mut v = analyze(body);
    let before = v.clone();
    strip_known(&mut v, &[ours]);
    assert_eq!(v, before);
    // A single long line of ours counts on its own.
    let mut v = analyze("Sure.\n\nThank you for contacting PyPI support about your account.\n");
    strip_known(&mut v, &[OUR_TEXT]);
    assert_eq!(v.text(), "Sure.");
}

#[test]
fn big_bodies_are_linear() {
    // Many candidate lines: each would be expensive if rules looked far ahead from every line.
    let mut body = String::new();
    for i in 0..20_000 {
        body.push_str(if i % 3 == 0 {
            "--\n"
        } else if i % 3 == 1 {
            "On Tue wrote\n"
        } else {
            "> quoted line that is long enough to look wrapped in a client, yes\nx\n"
        });
    }
    let v = analyze(&body);
    let whole: String = v.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(whole, body);
    // Footers, sign-offs and rule lines by the thousand.
    let mut body = String::from("Hello\n");
    for i in 0..20_000 {
        body.push_str(
            [
                "Sent from my iPhone\n",
                "Thanks,\n",
                "\n",
                "__________\n",
                "Bob\n",
            ][i % 5],
        );
    }
    let v = analyze(&body);
    assert_eq!(
        v.segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<String>(),
        body
    );
    let long_line = "a".repeat(1 << 20);
    let v = analyze(&long_line);
    assert_eq!(v.text().len(), 1 << 20);
}

mod properties {
    use super::super::*;
    use proptest::prelude::*;

    /// Lines that trigger every rule, mixed with arbitrary text.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(
                "On Tue, Feb 10, 2026 at 4:07 PM PyPI Support <support@pypi.example> wrote:"
                    .to_string()
            ),
            Just("On Mon, Aug 26, 2019 at 4:37 PM X <".to_string()),
            Just("x@example.com> wrote:".to_string()),
            Just("> quoted".to_string()),
            Just(">".to_string()),
            Just("-- ".to_string()),
            Just("--".to_string()),
            Just("__________".to_string()),
            Just("Sent from my iPhone".to_string()),
            Just("Thanks,".to_string()),
            Just("Priya".to_string()),
            Just("-----Original Message-----".to_string()),
            Just("From: PyPI Support <support@pypi.example>".to_string()),
            Just("Sent: Thursday, February 12, 2026 9:13 AM".to_string()),
            Just("```".to_string()),
            Just(String::new()),
            "\\PC{0,80}",
        ]
    }

    proptest! {
        #[test]
        fn segments_hold_the_whole_body(lines in prop::collection::vec(line(), 0..40), crlf in any::<bool>()) {
            let body = lines.join(if crlf { "\r\n" } else { "\n" });
            let v = analyze(&body);
            prop_assert_eq!(v.segments.iter().map(|s| s.text.as_str()).collect::<String>(), body.clone());
            prop_assert!(v.segments.iter().all(|s| !s.text.is_empty()));
            let text = v.text();
            prop_assert_eq!(text.trim(), text.as_str());
            // A `>` line is never new text.
            prop_assert!(text.lines().all(|l| !l.trim_start().starts_with('>')), "{}", text);

            let known = lines.iter().rev().take(10).cloned().collect::<Vec<_>>().join("\n");
            let mut stripped = v.clone();
            strip_known(&mut stripped, &[known.as_str()]);
            prop_assert_eq!(stripped.segments.iter().map(|s| s.text.as_str()).collect::<String>(), body);
        }
    }
}

#[test]
fn horde_and_czech_separators_start_the_quote() {
    let strip = |t: &str| analyze(t).text();
    let t = "Answers below.\n\nQuoting Support Desk <support@example.org>:\n\n> 1. Do you agree?\n";
    assert_eq!(strip(t).trim(), "Answers below.");
    let t = "Ano, souhlasím.\n\n---------- Původní e-mail ----------\nOd: Support <support@example.org>\nDatum: 1. 3. 2026\n\nText\n";
    assert_eq!(strip(t).trim(), "Ano, souhlasím.");
    let t = "Ya, setuju.\n\nPada tanggal Sen, 2 Mar 2026 pukul 10.15 Support <support@example.org> menulis:\n> 1. Setuju?\n";
    assert_eq!(strip(t).trim(), "Ya, setuju.");
    let t = "Vâng.\n\nVào 16:03 Th 2, 2 thg 3, 2026 Support <support@example.org> đã viết:\n> 1. Đồng ý?\n";
    assert_eq!(strip(t).trim(), "Vâng.");
    // "Quoting" without an address is prose
    let t = "Quoting the docs:\nuse a key.\n";
    assert!(strip(t).contains("Quoting the docs"));
}

#[test]
fn a_legal_disclaimer_is_not_new_text() {
    let body = "My codes were never printed.\n\nKind regards\nAnna\n\n----------------------------------------\nThis message is intended only for the named recipient. Any unauthorised use or disclosure is prohibited.\n";
    let v = analyze(body);
    assert!(v.text().contains("never printed"), "{v:?}");
    assert!(!v.text().contains("unauthorised"), "{v:?}");
}

/// The bounds the line patterns used to count with `{m,n}` (megabytes of automaton each) and
/// now check in code: the same lines pass and fail as before.
#[test]
fn bounds_checked_in_code_keep_their_meaning() {
    // a word in a script without case: at most twelve characters
    assert!(rules::is_name_line("陈嘉慧"));
    assert!(rules::is_name_line("陈嘉慧 (Chen Jiahui)"));
    assert!(rules::is_name_line("Ana María de la Cruz"));
    assert!(rules::is_name_line("--Jef"));
    assert!(!rules::is_name_line("这是一个很长的中文句子没有空格"));
    assert!(rules::is_name_line("这是一个很长的中文句子没")); // twelve
    // a letter-led word may go on in another script
    assert!(rules::is_name_line("Xこれはとても長い名前の文字"));
    // a dashed title of two to forty-one characters
    assert!(rules::is_dashed_title(
        "-------- Oryginalna wiadomość --------"
    ));
    assert!(rules::is_dashed_title("--- A ---"));
    assert!(!rules::is_dashed_title("---A---"));
    assert!(rules::is_dashed_title(&format!(
        "--- {} ---",
        "a".repeat(41)
    )));
    assert!(!rules::is_dashed_title(&format!(
        "--- {} ---",
        "a".repeat(42)
    )));
    // a data field's label: at most thirty-one characters before the colon
    assert!(rules::is_data_field("PyPI username: jdoe"));
    assert!(rules::is_data_field(&format!("{}: x", "a".repeat(31))));
    assert!(!rules::is_data_field(&format!("{}: x", "a".repeat(32))));
    assert!(rules::is_data_field(&format!("{} : x", "a".repeat(31))));
    assert!(!rules::is_data_field(
        "This sentence is far too long to be a label: x"
    ));
}

/// "------ Original Message ------" with a colon-less header block (eM Client) above a `>` quote
/// that has answers between its lines: the answers are new text; the same marker above an older
/// unprefixed message still hides everything below it.
#[test]
fn answers_inside_a_quote_under_a_history_marker() {
    let body = "Hi, answers below.\n\nLi\n\n------ Original Message ------\nFrom \"PyPI Support\" <support@pypi.example>\nTo \"Li Wen\" <li@example.org>\nDate 3/5/2026 4:41:07 PM\nSubject Re: help\n\n> 1. Can you still read mail at the address on the account?\n\nYes, it is this one.\n\n> 2. Do you agree to follow the Code of Conduct?\n\nYes\n";
    check(
        "em client",
        body,
        "Hi, answers below.\n\nLi\n\nYes, it is this one.\n\nYes",
    );
    let older = "Thanks.\n\n-----Original Message-----\nFrom: PyPI Support <support@pypi.example>\nSent: Thursday, February 12, 2026 9:13 AM\nTo: Li Wen <li@example.org>\nSubject: Re: help\n\nThank you, we noted:\n> 1. yes\nwhich is fine.\n> 2. no\n";
    check("older message", older, "Thanks.");
}

/// Outlook quotes our mail without `>` under a `From:/Sent:` block, and the requester types an
/// answer under each question: those lines are new text. Our own lines re-wrapped stay quoted,
/// and a quote that opens with someone else's text (an older reply) is left alone.
#[test]
fn answers_typed_inside_an_unprefixed_quote_of_our_mail() {
    let header = "From: PyPI Support <support@pypi.example>\nSent: Monday, April 6, 2026 9:13 AM\nTo: Ana <ana@example.org>\nSubject: Re: help\n\n";
    let mut interleaved = String::from("Hi, answers in your mail below.\n\nAna\n\n");
    interleaved.push_str(header);
    for line in OUR_TEXT.lines() {
        interleaved.push_str(line);
        interleaved.push('\n');
        if line.starts_with("1.") {
            interleaved.push_str("ANA: yes, I agree to it.\n");
        }
        if line.starts_with("2.") {
            interleaved.push_str("ANA: yes, this address.\n");
        }
        if line.starts_with("Thank you for contacting") {
            // our own sentence, wrapped differently by the client
            interleaved.push_str("support about your account.\n");
        }
    }
    let mut v = analyze(&interleaved);
    assert!(!v.text().contains("ANA:"), "quoted before: {}", v.text());
    answers_inside_our_quote(&mut v, &[OUR_TEXT]);
    let text = v.text();
    assert!(text.contains("ANA: yes, I agree to it."), "{text}");
    assert!(text.contains("ANA: yes, this address."), "{text}");
    assert!(!text.contains("support about your account"), "{text}");
    assert!(!text.contains("Code of Conduct?"), "{text}");
    let whole: String = v.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(whole, interleaved);

    // an older reply quoted above our mail: its answers were read when it came
    let older = format!(
        "Correction: no.\n\n{header}ANA wrote earlier, a long message with several lines.\nIt goes on here.\nAnd here.\nAnd here again.\nStill the old reply.\nMore of it.\nEven more.\nThe end of it.\nOne more line.\n{}\nANA: yes\n{}\n",
        OUR_TEXT.lines().take(6).collect::<Vec<_>>().join("\n"),
        OUR_TEXT.lines().skip(6).collect::<Vec<_>>().join("\n")
    );
    let mut v = analyze(&older);
    let before = v.clone();
    answers_inside_our_quote(&mut v, &[OUR_TEXT]);
    assert_eq!(v, before);
}

/// A short answer typed inside our quote stays an answer even though our mail has its words
/// ("Answer yes or no", "for example \"1. yes\"").
#[test]
fn short_answers_inside_our_quote_are_kept() {
    let ours = "Hello,\n\nplease answer the questions below; answering with the numbers is fine (for example \"1. yes\").\n\n1. Can you still read mail at the address on the account?\n   Answer yes or no.\n2. Do you agree to follow the Code of Conduct?\n   Answer yes or no.\n\nPlease never send us passwords.\n\n-- \nAccount Support";
    let mut body = String::from(
        "See below.\n\nFrom: Support <support@pypi.example>\nSent: Monday\nTo: Ana\nSubject: Re: help\n\n",
    );
    for line in ours.lines() {
        body.push_str(line);
        body.push('\n');
        if line.contains("Answer yes or no") {
            body.push_str("yes\n");
        }
    }
    let mut v = analyze(&body);
    answers_inside_our_quote(&mut v, &[ours]);
    assert_eq!(v.text().matches("yes").count(), 2, "{}", v.text());
}

#[test]
fn a_disclaimer_after_an_acknowledgement_of_country_ends_the_signature() {
    let body = "Hi there,\n\nI lost my phone.\n\nCheers,\nKate\n\nDr Kate Whitfield | Research Fellow\nSchool of Computing and Information Systems\nThe University of Melbourne\n\nThe University of Melbourne respectfully acknowledges the Traditional Owners of the lands on which we work. This email and any attachments may contain confidential information. If you are not the intended recipient, please delete it and notify the sender.\n";
    check(
        "acknowledgement of country",
        body,
        "Hi there,\n\nI lost my phone.",
    );
    // prose that names the phrase's words is left alone
    for prose in [
        "Hi,\n\nI am not sure if you are the intended recipient for this, but I lost my phone.\n",
        "Hello,\n\nYour first reply landed in my spam folder, probably because of the \"if you are not the intended recipient\" footer my employer adds.\nI lost my phone.\n",
        "Hello,\n\nSorry if this email and any attachments may contain too much detail, I wanted to be complete.\nI lost my phone.\n",
        "Hello,\n\nWe cannot log in to our org account acme-ml since the security key was lost; if you are not the intended recipient for account recovery, please forward this to the right team.\nI lost my phone.\n",
    ] {
        assert!(analyze(prose).text().contains("I lost my phone"), "{prose}");
    }
}
