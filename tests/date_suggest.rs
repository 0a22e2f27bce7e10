//! Date suggestions on a table of real phrasings: every way the three seed articles (the
//! bundled case's sources) date things, sentence by sentence, and others.

use caseboard::case::Date;
use caseboard::case::edit::suggest::{Context, spelled_out, suggest};

const GLOBE: &str = "2017-11-10/..";
const POST: &str = "2017-11-13?/..";
const HUET: &str = "2017-11-13?/..";
/// The authoring fixtures' articles (tests/fixtures/authoring/articles): the Harbor
/// Gazette of Wednesday 10 March 2021 and the Ellis Courier of Monday 15 March 2021.
const GAZETTE: &str = "2021-03-10";
const COURIER: &str = "2021-03-15";
const GLOBE_PAYMENT: &str = "The Trump campaign paid Cambridge Analytica nearly $6 million for data \
    management. The campaign’s first payment to the company was on July 29, 2016, according to \
    Federal Election Commission records. But the Journal reported Friday that Nix’s outreach to \
    WikiLeaks came while Cambridge Analytica was in contract negotiations with the campaign in June.";

/// One row: the passage, the source's name and publication date, the date of the event
/// followed, and the first suggestion expected (`None`: nothing to suggest).
struct Row {
    passage: &'static str,
    paragraph: &'static str,
    source: &'static str,
    published: Option<&'static str>,
    follows: Option<&'static str>,
    first: Option<&'static str>,
}

const fn row(
    passage: &'static str,
    source: &'static str,
    published: Option<&'static str>,
    follows: Option<&'static str>,
    first: Option<&'static str>,
) -> Row {
    Row {
        passage,
        paragraph: "",
        source,
        published,
        follows,
        first,
    }
}

/// A row whose passage is read within its paragraph.
const fn in_paragraph(paragraph: &'static str, r: Row) -> Row {
    Row { paragraph, ..r }
}

#[rustfmt::skip]
const TABLE: &[Row] = &[
    // The Globe (published on or after 10 November 2017), sentence by sentence.
    row("Cambridge Analytica's chief executive officer Alexander Nix gives an interview during the 2017 Web Summit in Lisbon on November 9, 2017.", "the Globe", Some(GLOBE), None, Some("2017-11-09")),
    row("Europe's largest tech event Web Summit is being held at Parque das Nacoes in Lisbon from November 6 to November 9.", "the Globe", Some(GLOBE), None, Some("2017-11-06/2017-11-09")),
    row("WASHINGTON — A data firm that worked for President Trump’s campaign reached out to WikiLeaks during the campaign about obtaining e-mails related to Democrat Hillary Clinton, the company’s CEO said.", "the Globe", Some(GLOBE), None, None),
    row("Alexander Nix, chief executive of Cambridge Analytica, said the approach was in ‘‘early June 2016’’ after WikiLeaks Editor Julian Assange had publicly claimed he had Clinton e-mails and planned to publish them.", "the Globe", Some(GLOBE), None, Some("2016-06~")),
    row("Nix’s comments Thursday at the Web Summit technology conference in Lisbon, Portugal, were his first acknowledgement that he had sought e-mails from WikiLeaks.", "the Globe", Some(GLOBE), None, Some("2017-11-09")),
    row("Assange had previously said that WikiLeaks had rejected a ‘‘request for information’’ from Cambridge Analytica.", "the Globe", Some(GLOBE), None, None),
    row("Cambridge Analytica’s role in the president’s campaign has caught the attention of congressional committees probing Russia’s interference in the 2016 election and any possible coordination with Trump associates.", "the Globe", Some(GLOBE), None, Some("2016")),
    row("The campaign’s first payment to the company was on July 29, 2016, according to Federal Election Commission records.", "the Globe", Some(GLOBE), None, Some("2016-07-29")),
    row("But the Journal reported Friday that Nix’s outreach to WikiLeaks came", "the Globe", Some(GLOBE), None, Some("2017-11-10")),
    in_paragraph(GLOBE_PAYMENT, row("while Cambridge Analytica was in contract negotiations with the campaign in June.", "the Globe", Some(GLOBE), None, Some("2016-06"))),
    row("At that time, the company had already sent some of its employees to help the campaign, the Journal reported.", "the Globe", Some(GLOBE), None, None),
    row("He said it stemmed from an article in The Guardian newspaper in early June 2016 that said ‘‘WikiLeaks was going to publish a huge amount of information’’", "the Globe", Some(GLOBE), None, Some("2016-06~")),
    row("Nix appeared to be referencing a June 12, 2016, article that was based on Assange’s comment to a British television network", "the Globe", Some(GLOBE), None, Some("2016-06-12")),
    row("On Thursday, Nix said that after he saw the article, he asked his ‘‘office to reach out to, actually it was a speaking agency that represents Julian Assange", "the Globe", Some(GLOBE), None, Some("2017-11-09")),
    row("Last month, Assange confirmed that WikiLeaks was approached by Cambridge Analytica", "the Globe", Some(GLOBE), None, Some("2017-10?")),
    row("WikiLeaks was approached by Cambridge Analytica prior to November 2016", "the Globe", Some(GLOBE), None, Some("../2016-10")),
    row("Those e-mails have never been released.", "the Globe", Some(GLOBE), None, None),

    // The Post (published on or after 13 November 2017, uncertain).
    row("President Trump's eldest son exchanged private messages with WikiLeaks during the presidential campaign at the same time the website was publishing hacked emails from Democratic officials, according to correspondence made public Monday.", "the Post", Some(POST), None, Some("2017-11-13?")),
    row("WikiLeaks, which bills itself as an anti-secrecy group, was described in April by CIA Director Mike Pompeo as a \"non-state hostile intelligence service often abetted by state actors like Russia.\"", "the Post", Some(POST), None, Some("2017-04?")),
    row("In July 2016, the organization released thousands of emails that had been stolen from the Democratic National Committee", "the Post", Some(POST), None, Some("2016-07")),
    row("The newly revealed exchanges provides additional information about the role played by Trump Jr. in 2016.", "the Post", Some(POST), None, Some("2016")),
    row("\"What's behind this Wednesday leak I keep reading about?\" Trump Jr. asked during one exchange with the WikiLeaks account on Oct. 3.", "the Post", Some(POST), Some("2016-07"), Some("2016-10-03")),
    row("\"What's behind this Wednesday leak I keep reading about?\" Trump Jr. asked during one exchange with the WikiLeaks account on Oct. 3.", "the Post", Some(POST), None, Some("2017-10-03?")),
    row("More than a week later, on Oct. 12, the account replied to Trump Jr. with a suggestion:", "the Post", Some(POST), Some("2016-10-03"), Some("2016-10-12")),
    row("More than a week later, the account replied to Trump Jr. with a suggestion:", "the Post", Some(POST), Some("2016-10-03"), Some("2016-10-11/..")),
    row("Trump Jr. did not answer. Fifteen minutes later, the father, Donald Trump, tweeted to his millions of followers", "the Post", Some(POST), Some("2016-10-12"), Some("2016-10-12")),
    row("Two days later, Trump Jr. tweeted the link to his followers", "the Post", Some(POST), Some("2016-10-12"), Some("2016-10-14")),
    row("On Monday, White House lawyer Ty Cobb declined to comment", "the Post", Some(POST), None, Some("2017-11-13?")),
    row("Julian Assange tweeted Monday that he could not confirm the messages", "the Post", Some(POST), None, Some("2017-11-13?")),
    row("\"Nothing could be further from the truth,\" Pence told Fox News on Oct. 12 when asked if the campaign was \"in cahoots\" with the group.", "the Post", Some(POST), Some("2016-10-03"), Some("2016-10-12")),
    row("Alyssa Farah, a Pence spokesman, said Monday that he was \"never aware of anyone associated with the campaign being in contact with WikiLeaks.\"", "the Post", Some(POST), None, Some("2017-11-13?")),
    row("\"He first learned of this news from a published report earlier [Monday],\" she said.", "the Post", Some(POST), None, Some("2017-11-13?")),
    row("\"I can't think of any time in history where a foreign government, through a cut-out, has been able to tap directly into a campaign in this way,\" he said.", "the Post", Some(POST), None, None),

    // Huet (published on or after 13 November 2017, uncertain).
    row("Donald Trump Jr. has released private Twitter correspondence with transparency organisation WikiLeaks after a bombshell report alleged they had secretly communicated for months before and after his father’s 2016 election.", "Huet", Some(HUET), None, Some("2016")),
    row("Trump Jr. didn’t respond immediately, but his father tweeted 15 minutes later:", "Huet", Some(HUET), Some("2016-10-12"), Some("2016-10-12")),
    row("Then, two days later, on October 14, 2016, Trump Jr. tweeted out the link WikiLeaks had sent him.", "Huet", Some(HUET), Some("2016-10-12"), Some("2016-10-14")),
    row("On election day, WikiLeaks wrote to Trump Jr.:", "Huet", Some(HUET), Some("2016-10-14"), Some("2016-11-08")),
    row("On election day, WikiLeaks wrote to Trump Jr.:", "Huet", Some(HUET), None, Some("2016-11-08?")),

    // The Harbor Gazette (published on 10 March 2021, a Wednesday), every dating phrase.
    row("PORT ELLIS — On Monday, the city council of Port Ellis voted 5 to 2 to close the old ferry terminal on Quay Street.", "the Harbor Gazette", Some(GAZETTE), None, Some("2021-03-08")),
    row("Mayor Jane Doe said the decision followed a safety report from Acme Engineering published on March 3, 2021.", "the Harbor Gazette", Some(GAZETTE), None, Some("2021-03-03")),
    row("He said he had asked for it on February 26 and received only a two-page summary.", "the Harbor Gazette", Some(GAZETTE), None, Some("2021-02-26")),
    // What is to come: forward from publication (it was 15 March 2020).
    row("The ferry operator, Bluewater Lines, said in a statement that crossings to Gull Island would be suspended from March 15 until a temporary landing is built.", "the Harbor Gazette", Some(GAZETTE), None, Some("2021-03-15")),
    in_paragraph("The terminal served about 1,400 passengers a day before the pandemic. The ferry operator, Bluewater Lines, said in a statement that crossings to Gull Island would be suspended from March 15 until a temporary landing is built.", row("March 15 until a temporary landing is built.", "the Harbor Gazette", Some(GAZETTE), None, Some("2021-03-15"))),
    row("Two days later, residents gathered outside city hall to protest.", "the Harbor Gazette", Some(GAZETTE), Some("2021-03-08"), Some("2021-03-10")),

    // The Ellis Courier (published on 15 March 2021, a Monday), every dating phrase.
    row("The Port Ellis Harbour Authority published the full Acme Engineering report on Friday, a week after the city council voted to close the Quay Street ferry terminal.", "the Ellis Courier", Some(COURIER), None, Some("2021-03-12")),
    row("The 84-page report, dated March 3, 2021, rates the corrosion of the main pier's piles as \"serious but not critical\" and recommends repairs within eighteen months.", "the Ellis Courier", Some(COURIER), None, Some("2021-03-03")),
    row("\"The summary we were given said the pier was unsafe. The report says it needs repairs,\" he said on Saturday.", "the Ellis Courier", Some(COURIER), None, Some("2021-03-13")),
    row("Mayor Jane Doe defended the vote. In a statement released late on Saturday she said", "the Ellis Courier", Some(COURIER), None, Some("2021-03-13")),
    row("she said that Acme Engineering had briefed her in person on February 24 and had \"made clear that the risk was not acceptable for daily crossings.\"", "the Ellis Courier", Some(COURIER), None, Some("2021-02-24")),
    row("Bluewater Lines suspended crossings to Gull Island this morning, as it had announced.", "the Ellis Courier", Some(COURIER), None, Some("2021-03-15")),
    // What is to come: forward from publication (it was May 2020).
    row("The operator said a temporary landing at the north slipway could open in early May.", "the Ellis Courier", Some(COURIER), None, Some("2021-05~")),
    row("The council will debate a motion from Reyes to reopen the terminal next Tuesday.", "the Ellis Courier", Some(COURIER), None, Some("2021-03-16")),

    // Tense, both ways, and none (published on 15 March 2021, a Monday).
    row("The pier is expected to reopen in June.", "the Wire", Some(COURIER), None, Some("2021-06")),
    row("The report is due March 20.", "the Wire", Some(COURIER), None, Some("2021-03-20")),
    row("The landing should be built by May 1.", "the Wire", Some(COURIER), None, Some("2021-05-01")),
    row("The terminal stays shut until April 6.", "the Wire", Some(COURIER), None, Some("../2021-04-05")),
    row("Crossings resume from April 1 on.", "the Wire", Some(COURIER), None, Some("2021-04-01")),
    row("It'll reopen in late April.", "the Wire", Some(COURIER), None, Some("2021-04~")),
    row("The plan is to reopen it in September.", "the Wire", Some(COURIER), None, Some("2021-09")),
    row("The council will meet on Friday.", "the Wire", Some(COURIER), None, Some("2021-03-19")),
    // "that" begins another clause: "would" is not what "Friday" is read by.
    row("Reyes announced Friday that the council would vote again.", "the Wire", Some(COURIER), None, Some("2021-03-12")),
    // "is being held" is neither past nor to come.
    row("The hearing is being held on March 20.", "the Wire", Some(COURIER), None, Some("2021-03-20")),
    row("The council met on Friday.", "the Wire", Some(COURIER), None, Some("2021-03-12")),
    row("The terminal closed on March 20.", "the Wire", Some(COURIER), None, Some("2020-03-20")),
    row("The repairs were finished in May.", "the Wire", Some(COURIER), None, Some("2020-05")),
    row("Talks have stalled since June.", "the Wire", Some(COURIER), None, Some("2020-06/..")),
    row("The talks broke down on Monday last.", "the Wire", Some(COURIER), None, Some("2021-03-08")),
    row("Crossings resume on March 20 under the plan.", "the Wire", Some(COURIER), None, Some("2021-03-20")),
    row("Crossings resume on August 20 under the plan.", "the Wire", Some(COURIER), None, Some("2020-08-20")),
    row("Crossings resume Friday.", "the Wire", Some(GAZETTE), None, Some("2021-03-12")),
    row("Crossings resume Tuesday.", "the Wire", Some(GAZETTE), None, Some("2021-03-09")),

    // Parts of the day, from publication or the event followed.
    row("The mayor will speak this afternoon.", "the Wire", Some(COURIER), None, Some("2021-03-15")),
    row("The council sits this evening.", "the Wire", Some(COURIER), None, Some("2021-03-15")),
    row("The council meets tonight.", "the Wire", Some(COURIER), None, Some("2021-03-15")),
    row("Crossings stopped today.", "the Wire", Some(COURIER), None, Some("2021-03-15")),
    row("A spokesperson said earlier today that the firm stood by its report.", "the Wire", Some(COURIER), None, Some("2021-03-15")),
    row("Divers inspected the piles yesterday.", "the Wire", Some(COURIER), None, Some("2021-03-14")),
    row("The last ferry left yesterday morning.", "the Wire", Some(COURIER), None, Some("2021-03-14")),
    row("Protesters gathered at the quay last night.", "the Wire", Some(COURIER), None, Some("2021-03-14")),
    row("The operator will say more tomorrow.", "the Wire", Some(COURIER), None, Some("2021-03-16")),
    row("The mayor spoke this morning.", "the Wire", None, Some("2021-03-08"), Some("2021-03-08")),
    row("The mayor spoke this morning.", "the Wire", Some("2017-11-13?/.."), None, Some("2017-11-13?")),

    // Others.
    row("The meeting took place on 12 June 2016 in London.", "the Wire", Some("2016-07-01"), None, Some("2016-06-12")),
    row("The deal was signed late October.", "the Wire", Some("2016-12-02"), None, Some("2016-10~")),
    row("Officials met yesterday.", "the Wire", Some("2016-12-02"), None, Some("2016-12-01")),
    row("The talks began earlier this month.", "the Wire", Some("2016-12-20"), None, Some("2016-12-01/2016-12-20")),
    row("He resigned last year.", "the Wire", Some("2016-12-20"), None, Some("2015")),
    row("The vote is expected next Tuesday.", "the Wire", Some("2016-11-02"), None, Some("2016-11-08")),
    row("The statement came the next day.", "the Wire", Some("2016-12-20"), Some("2016-12-19"), Some("2016-12-20")),
    row("An hour later the account was deleted.", "the Wire", None, Some("2016-10-12T11:41Z"), Some("2016-10-12T12:41Z")),
    row("The inquiry has run since July 2016.", "the Wire", None, None, Some("2016-07/..")),
    row("The files were moved before July 29, 2016.", "the Wire", None, None, Some("../2016-07-28")),
    row("Three weeks later the firm closed.", "the Wire", None, Some("2016-06-01"), Some("2016-06-22")),
    row("Sept. 30 was the deadline.", "the Wire", Some("2016-10-05"), None, Some("2016-09-30")),
    row("In a statement on Monday, officials said so.", "the Wire", None, None, None),
    row("They may march on.", "the Wire", Some("2016-10-05"), None, None),
];

fn date(s: Option<&str>) -> Option<Date> {
    s.map(|s| Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")))
}

#[test]
fn the_table() {
    let mut wrong = Vec::new();
    for r in TABLE {
        let (published, follows) = (date(r.published), date(r.follows));
        let got = suggest(&Context {
            passage: r.passage,
            paragraph: r.paragraph,
            source: r.source,
            published: published.as_ref(),
            follows: follows.as_ref(),
        });
        let first = got.first().map(|s| s.date.as_str());
        if first != r.first {
            wrong.push(format!(
                "{:?}\n  want {:?}, got {:?}",
                r.passage, r.first, got
            ));
        }
        for s in &got {
            assert!(Date::parse(&s.date).is_ok(), "{s:?}");
            assert!(
                s.reasoning
                    .starts_with(&format!("{} says \"{}\"", r.source, s.phrase)),
                "{s:?}"
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} rows:\n{}",
        wrong.len(),
        TABLE.len(),
        wrong.join("\n")
    );
}

#[test]
fn reasoning_reads_like_the_bundled_summaries() {
    let published = Date::parse(GLOBE).unwrap();
    let got = suggest(&Context {
        passage: "Last month, Assange confirmed that WikiLeaks was approached",
        paragraph: "",
        source: "the Globe",
        published: Some(&published),
        follows: None,
    });
    assert_eq!(
        got[0].reasoning,
        "the Globe says \"Last month\"; it was published on or after 10 November 2017, and may be \
         later, so October 2017 (uncertain)"
    );
    let got = suggest(&Context {
        passage: "Nix’s comments Thursday at the Web Summit",
        paragraph: "",
        source: "the Globe",
        published: Some(&published),
        follows: None,
    });
    assert_eq!(
        got[0].reasoning,
        "the Globe says \"Thursday\"; it was published on or after 10 November 2017, a Friday; \
         the Thursday before that, so 9 November 2017"
    );
}

#[test]
fn a_year_is_taken_from_the_paragraph_and_every_candidate_is_offered() {
    let published = Date::parse(GLOBE).unwrap();
    let follows = Date::parse("2016-05-20").unwrap();
    let got = suggest(&Context {
        passage: "Cambridge Analytica was in contract negotiations with the campaign in June.",
        paragraph: "The campaign’s first payment to the company was on July 29, 2016, according to \
                    Federal Election Commission records. But the Journal reported Friday that Nix’s \
                    outreach to WikiLeaks came while Cambridge Analytica was in contract negotiations \
                    with the campaign in June.",
        source: "the Globe",
        published: Some(&published),
        follows: Some(&follows),
    });
    let dates: Vec<&str> = got.iter().map(|s| s.date.as_str()).collect();
    // The year the text names, the event followed, publication; then the paragraph's own.
    assert_eq!(
        dates,
        [
            "2016-06",
            "2017-06",
            "2016-07-29",
            "2017-11-10",
            "2016-05-20"
        ]
    );
    assert!(
        got[0].reasoning.contains("the text around it names 2016"),
        "{}",
        got[0].reasoning
    );
}

#[test]
fn dates_are_spelled_out_as_the_detail_area_does() {
    assert_eq!(
        spelled_out("../2016-06-12?").unwrap(),
        "on or before 12 June 2016 (uncertain)"
    );
    assert_eq!(spelled_out("2016-06~").unwrap(), "June 2016 (approximate)");
    assert!(
        spelled_out("June 2016")
            .unwrap_err()
            .contains("four digits")
    );
}

fn all(passage: &str, paragraph: &str, source: &str, published: &str) -> Vec<(String, String)> {
    let published = Date::parse(published).unwrap();
    suggest(&Context {
        passage,
        paragraph,
        source,
        published: Some(&published),
        follows: None,
    })
    .into_iter()
    .map(|s| (s.date, s.reasoning))
    .collect()
}

#[test]
fn what_is_to_come_is_read_forward_with_the_words_that_say_so() {
    let got = all(
        "The operator said a temporary landing at the north slipway could open in early May.",
        "",
        "the Ellis Courier",
        COURIER,
    );
    assert_eq!(
        got,
        [(
            "2021-05~".to_string(),
            "the Ellis Courier says \"early May\"; no year is given and the text speaks of what \
             is to come (\"could open in early May\"): the first May on or after publication \
             (15 March 2021), approximate, so May 2021 (approximate)"
                .to_string()
        )]
    );
    // A passage that is part of its sentence is read in its paragraph.
    let paragraph = "The terminal served about 1,400 passengers a day before the pandemic. The \
                     ferry operator, Bluewater Lines, said in a statement that crossings to Gull \
                     Island would be suspended from March 15 until a temporary landing is built.";
    let got = all(
        "March 15 until a temporary landing",
        paragraph,
        "the Harbor Gazette",
        GAZETTE,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "2021-03-15");
    assert!(
        got[0].1.contains("(\"would be suspended from March 15\")"),
        "{}",
        got[0].1
    );
    // A weekday too.
    let got = all("The council will meet on Friday.", "", "the Wire", COURIER);
    assert_eq!(
        got,
        [(
            "2021-03-19".to_string(),
            "the Wire says \"Friday\"; it was published on 15 March 2021, a Monday; the Friday \
             after that, as the text speaks of what is to come (\"will meet on Friday\"), so 19 \
             March 2021"
                .to_string()
        )]
    );
}

#[test]
fn with_no_tense_a_much_nearer_day_ahead_is_offered_first_and_the_day_before_kept() {
    let dates = |passage: &str, published: &str| -> Vec<String> {
        all(passage, "", "the Wire", published)
            .into_iter()
            .map(|(d, _)| d)
            .collect()
    };
    // Five days ahead against a year back: both, the nearer first.
    let got = all(
        "Crossings resume on March 20 under the plan.",
        "",
        "the Wire",
        COURIER,
    );
    assert_eq!(
        got.iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>(),
        ["2021-03-20", "2020-03-20"]
    );
    assert!(
        got[0].1.contains(
            "the text does not say whether it has happened or is to come: the first March 20 on \
             or after publication (15 March 2021), much nearer than the latest before it"
        ),
        "{}",
        got[0].1
    );
    assert!(
        got[1]
            .1
            .contains("no year is given: the latest March 20 on or before publication"),
        "{}",
        got[1].1
    );
    // A month: May is 47 days ahead, 10 months back.
    assert_eq!(
        dates("Crossings resume in May.", COURIER),
        ["2021-05", "2020-05"]
    );
    // Not much nearer: today's rule alone.
    assert_eq!(
        dates("Crossings resume on August 20.", COURIER),
        ["2020-08-20"]
    );
    assert_eq!(dates("Crossings resume in March.", COURIER), ["2021-03"]);
    // Weekdays: Friday is two days after a Wednesday, five before.
    assert_eq!(
        dates("Crossings resume Friday.", GAZETTE),
        ["2021-03-12", "2021-03-05"]
    );
    assert_eq!(dates("Crossings resume Tuesday.", GAZETTE), ["2021-03-09"]);
    // With a tense, one direction only.
    assert_eq!(
        dates("Crossings resumed on March 20.", COURIER),
        ["2020-03-20"]
    );
    assert_eq!(
        dates("Crossings will resume on March 5.", COURIER),
        ["2022-03-05"]
    );
}

#[test]
fn parts_of_the_day_are_read_from_publication_with_their_reasoning() {
    let reason = |passage: &str| all(passage, "", "the Ellis Courier", COURIER)[0].1.clone();
    assert_eq!(
        reason(
            "Bluewater Lines suspended crossings to Gull Island this morning, as it had announced."
        ),
        "the Ellis Courier says \"this morning\"; it was published on 15 March 2021; \"this \
         morning\" is the morning of that day, so 15 March 2021"
    );
    assert_eq!(
        reason("Protesters gathered at the quay last night."),
        "the Ellis Courier says \"last night\"; it was published on 15 March 2021; \"last \
         night\" is the night before, so 14 March 2021"
    );
    assert_eq!(
        reason("A spokesperson said earlier today that the firm stood by its report."),
        "the Ellis Courier says \"earlier today\"; it was published on 15 March 2021; \"earlier \
         today\" is that day, so 15 March 2021"
    );
    // Without a publication date, the day of the event followed.
    let follows = Date::parse("2021-03-08").unwrap();
    let got = suggest(&Context {
        passage: "The mayor spoke yesterday afternoon.",
        paragraph: "",
        source: "the Wire",
        published: None,
        follows: Some(&follows),
    });
    assert_eq!(got[0].date, "2021-03-07");
    assert_eq!(
        got[0].reasoning,
        "the Wire says \"yesterday afternoon\"; if it is said on the day of the event it \
         follows (8 March 2021), \"yesterday afternoon\" is the afternoon of the day before, so \
         7 March 2021"
    );
}
